-- CreateTable
CREATE TABLE "DirectoryChangeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "requestedAt" DATETIME NOT NULL,
    "decidedByName" TEXT,
    "decidedByAad" TEXT,
    "decidedAt" DATETIME,
    "declineReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DirectoryChangeRequest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DirectoryProfile" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "summary" TEXT NOT NULL DEFAULT '',
    "services" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "website" TEXT,
    "listed" BOOLEAN NOT NULL DEFAULT true,
    "updatedBy" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "displayName" TEXT,
    "nameSearch" TEXT NOT NULL DEFAULT '',
    "regions" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "DirectoryProfile_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DirectoryProfile" ("contactEmail", "contactPhone", "listed", "orgId", "services", "summary", "updatedAt", "updatedBy", "website") SELECT "contactEmail", "contactPhone", "listed", "orgId", "services", "summary", "updatedAt", "updatedBy", "website" FROM "DirectoryProfile";
DROP TABLE "DirectoryProfile";
ALTER TABLE "new_DirectoryProfile" RENAME TO "DirectoryProfile";
CREATE INDEX "DirectoryProfile_nameSearch_idx" ON "DirectoryProfile"("nameSearch");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryChangeRequest_pendingKey_key" ON "DirectoryChangeRequest"("pendingKey");

-- CreateIndex
CREATE INDEX "DirectoryChangeRequest_state_requestedAt_idx" ON "DirectoryChangeRequest"("state", "requestedAt");

-- CreateIndex
CREATE INDEX "DirectoryChangeRequest_orgId_idx" ON "DirectoryChangeRequest"("orgId");


-- Backfill: existing listings show the legal name and serve their organisation's region (P10, P6)
UPDATE "DirectoryProfile" SET
  "nameSearch" = (SELECT "nameSearch" FROM "Organization" WHERE "Organization"."id" = "DirectoryProfile"."orgId"),
  "regions" = (SELECT ',' || "region" || ',' FROM "Organization" WHERE "Organization"."id" = "DirectoryProfile"."orgId");
