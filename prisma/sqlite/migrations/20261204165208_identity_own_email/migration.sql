-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MpaAcceptance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "signerUserId" TEXT,
    "signerName" TEXT NOT NULL,
    "signerEmail" TEXT,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MpaAcceptance_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MpaAcceptance" ("id", "orgId", "signedAt", "signerEmail", "signerName", "signerUserId", "version") SELECT "id", "orgId", "signedAt", "signerEmail", "signerName", "signerUserId", "version" FROM "MpaAcceptance";
DROP TABLE "MpaAcceptance";
ALTER TABLE "new_MpaAcceptance" RENAME TO "MpaAcceptance";
CREATE INDEX "MpaAcceptance_orgId_signedAt_idx" ON "MpaAcceptance"("orgId", "signedAt");
CREATE UNIQUE INDEX "MpaAcceptance_orgId_version_key" ON "MpaAcceptance"("orgId", "version");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "aadObjectId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "emailLower" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "User_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("aadObjectId", "createdAt", "email", "emailLower", "id", "name", "orgId", "removedAt") SELECT "aadObjectId", "createdAt", "email", "emailLower", "id", "name", "orgId", "removedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_aadObjectId_key" ON "User"("aadObjectId");
CREATE UNIQUE INDEX "User_orgId_emailLower_key" ON "User"("orgId", "emailLower");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
