-- CreateTable
CREATE TABLE "ProgramAdmin" (
    "aadObjectId" TEXT NOT NULL,
    "teamsUserId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "grantedByAad" TEXT,
    "grantedByName" TEXT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedByAad" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramAdmin_pkey" PRIMARY KEY ("aadObjectId")
);

-- CreateIndex
CREATE INDEX "ProgramAdmin_revokedAt_idx" ON "ProgramAdmin"("revokedAt");
