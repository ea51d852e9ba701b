-- AlterTable
ALTER TABLE "DirectoryProfile" ADD COLUMN     "displayName" TEXT,
ADD COLUMN     "nameSearch" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "regions" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "DirectoryChangeRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "pendingKey" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "displayName" TEXT NOT NULL,
    "regions" TEXT NOT NULL,
    "services" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "website" TEXT,
    "requestedByUserId" TEXT,
    "requestedByName" TEXT NOT NULL,
    "requestedByAad" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedByName" TEXT,
    "decidedByAad" TEXT,
    "decidedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryChangeRequest_pendingKey_key" ON "DirectoryChangeRequest"("pendingKey");

-- CreateIndex
CREATE INDEX "DirectoryChangeRequest_state_requestedAt_idx" ON "DirectoryChangeRequest"("state", "requestedAt");

-- CreateIndex
CREATE INDEX "DirectoryChangeRequest_orgId_idx" ON "DirectoryChangeRequest"("orgId");

-- CreateIndex
CREATE INDEX "DirectoryProfile_nameSearch_idx" ON "DirectoryProfile"("nameSearch");

-- AddForeignKey
ALTER TABLE "DirectoryChangeRequest" ADD CONSTRAINT "DirectoryChangeRequest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: existing listings show the legal name and serve their organisation's region (P10, P6)
UPDATE "DirectoryProfile" SET
  "nameSearch" = (SELECT "nameSearch" FROM "Organization" WHERE "Organization"."id" = "DirectoryProfile"."orgId"),
  "regions" = (SELECT ',' || "region" || ',' FROM "Organization" WHERE "Organization"."id" = "DirectoryProfile"."orgId");
