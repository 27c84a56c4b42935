-- Search thesaurus (issue 9, docs/decisions/0004-search.md). The seed entries themselves are
-- inserted on first use by app/lib/search/thesaurus.server.ts (they live in code, thesaurus.ts),
-- once: seededAt records it, so entries an admin deleted never come back.

-- CreateTable
CREATE TABLE "ThesaurusEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "termsJson" TEXT NOT NULL,
    "oneWay" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "updatedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ThesaurusEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "beforeJson" TEXT,
    "afterJson" TEXT,
    "userId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ThesaurusState" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "seededAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ThesaurusEvent_entryId_idx" ON "ThesaurusEvent"("entryId");

-- CreateIndex
CREATE INDEX "ThesaurusEvent_createdAt_idx" ON "ThesaurusEvent"("createdAt");


-- The single state row: generation 0, not yet seeded.
INSERT INTO "ThesaurusState" ("id", "generation", "seededAt") VALUES (1, 0, NULL);
