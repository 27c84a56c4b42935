-- Partners comment on recommendations shared with them (issue 11), as their organisation.
ALTER TABLE "Comment" ADD COLUMN "shared" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "organisation" TEXT;
