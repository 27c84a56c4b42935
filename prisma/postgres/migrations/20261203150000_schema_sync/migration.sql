-- AlterTable
ALTER TABLE "Version" ADD COLUMN     "draftLabel" TEXT,
ADD COLUMN     "draftStage" TEXT,
ADD COLUMN     "explanation" TEXT;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "consultationId" INTEGER;

-- CreateTable
CREATE TABLE "ThesaurusEntry" (
    "id" SERIAL NOT NULL,
    "termsJson" TEXT NOT NULL,
    "oneWay" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "updatedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThesaurusEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThesaurusEvent" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "userId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThesaurusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThesaurusState" (
    "id" INTEGER NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "seededAt" TIMESTAMP(3),

    CONSTRAINT "ThesaurusState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "authorityKind" TEXT NOT NULL DEFAULT 'npcsc',
    "authority" TEXT NOT NULL,
    "workId" INTEGER NOT NULL,
    "openingDate" TEXT,
    "deadline" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'online_form',
    "url" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationDraft" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,

    CONSTRAINT "ConsultationDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThesaurusEvent_entryId_idx" ON "ThesaurusEvent"("entryId");

-- CreateIndex
CREATE INDEX "ThesaurusEvent_createdAt_idx" ON "ThesaurusEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Consultation_deadline_idx" ON "Consultation"("deadline");

-- CreateIndex
CREATE INDEX "ConsultationDraft_versionId_idx" ON "ConsultationDraft"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationDraft_consultationId_versionId_key" ON "ConsultationDraft"("consultationId", "versionId");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationDraft" ADD CONSTRAINT "ConsultationDraft_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-added, as in the SQLite migration 20261203120000_thesaurus: the thesaurus state is one row.
ALTER TABLE "ThesaurusState" ADD CONSTRAINT "ThesaurusState_single_row" CHECK ("id" = 1);
INSERT INTO "ThesaurusState" ("id", "generation", "seededAt") VALUES (1, 0, NULL);
