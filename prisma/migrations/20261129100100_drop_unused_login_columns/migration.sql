-- Login throttling uses the LoginAttempt log (docs/decisions/0006-auth.md); these two columns were never used.
ALTER TABLE "User" DROP COLUMN "failedLogins";
ALTER TABLE "User" DROP COLUMN "lockedUntil";
