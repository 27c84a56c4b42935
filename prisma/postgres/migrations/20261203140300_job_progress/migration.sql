-- CreateTable
CREATE TABLE "JobProgress" (
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "current" TEXT,
    "source" TEXT NOT NULL,
    "linesJson" TEXT NOT NULL DEFAULT '[]',
    "summaryJson" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobProgress_pkey" PRIMARY KEY ("id")
);

