-- CreateTable
CREATE TABLE "Endorsement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recommendationId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "organisation" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Endorsement_recommendationId_idx" ON "Endorsement"("recommendationId");

-- CreateIndex
CREATE UNIQUE INDEX "Endorsement_recommendationId_userId_key" ON "Endorsement"("recommendationId", "userId");

