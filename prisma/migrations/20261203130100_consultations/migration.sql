-- CreateTable
CREATE TABLE "Consultation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ConsultationDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    CONSTRAINT "ConsultationDraft_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (hand-written: SQLite adds a nullable column with its foreign key in place; no table copy)
ALTER TABLE "Submission" ADD COLUMN "consultationId" INTEGER REFERENCES "Consultation" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Consultation_deadline_idx" ON "Consultation"("deadline");

-- CreateIndex
CREATE INDEX "ConsultationDraft_versionId_idx" ON "ConsultationDraft"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationDraft_consultationId_versionId_key" ON "ConsultationDraft"("consultationId", "versionId");

