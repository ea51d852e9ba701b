-- CreateTable
CREATE TABLE "ProgramAdmin" (
    "aadObjectId" TEXT NOT NULL PRIMARY KEY,
    "teamsUserId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "grantedByAad" TEXT,
    "grantedByName" TEXT,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedByAad" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProgramAdmin_revokedAt_idx" ON "ProgramAdmin"("revokedAt");
