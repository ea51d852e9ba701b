-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgramAdmin" (
    "aadObjectId" TEXT NOT NULL PRIMARY KEY,
    "teamsUserId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "grantedByAad" TEXT,
    "grantedByName" TEXT,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "revokedByAad" TEXT,
    "bootstrap" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ProgramAdmin" ("aadObjectId", "email", "grantedAt", "grantedByAad", "grantedByName", "name", "revokedAt", "revokedByAad", "teamsUserId", "updatedAt") SELECT "aadObjectId", "email", "grantedAt", "grantedByAad", "grantedByName", "name", "revokedAt", "revokedByAad", "teamsUserId", "updatedAt" FROM "ProgramAdmin";
DROP TABLE "ProgramAdmin";
ALTER TABLE "new_ProgramAdmin" RENAME TO "ProgramAdmin";
CREATE INDEX "ProgramAdmin_revokedAt_idx" ON "ProgramAdmin"("revokedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
