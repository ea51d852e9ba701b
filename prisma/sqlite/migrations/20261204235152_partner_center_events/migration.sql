-- CreateTable
CREATE TABLE "PartnerCenterWebhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "registeredByName" TEXT NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerCenterEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "resourceName" TEXT NOT NULL,
    "changedAt" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterWebhook_orgId_key" ON "PartnerCenterWebhook"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterWebhook_tokenHash_key" ON "PartnerCenterWebhook"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterEvent_orgId_dedupeKey_key" ON "PartnerCenterEvent"("orgId", "dedupeKey");
