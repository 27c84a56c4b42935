-- CreateTable
CREATE TABLE "JobProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "current" TEXT,
    "source" TEXT NOT NULL,
    "linesJson" TEXT NOT NULL DEFAULT '[]',
    "summaryJson" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

