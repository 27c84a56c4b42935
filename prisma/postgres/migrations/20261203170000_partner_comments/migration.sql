-- AlterTable
ALTER TABLE "User" ADD COLUMN     "organisation" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "shared" BOOLEAN NOT NULL DEFAULT false;

