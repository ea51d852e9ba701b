-- CreateTable
CREATE TABLE "PartnerCenterProfileCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterProfileCheck_orgId_key" ON "PartnerCenterProfileCheck"("orgId");
