-- AlterTable
ALTER TABLE "Version" ADD COLUMN "draftLabel" TEXT;
ALTER TABLE "Version" ADD COLUMN "draftStage" TEXT;
ALTER TABLE "Version" ADD COLUMN "explanation" TEXT;

