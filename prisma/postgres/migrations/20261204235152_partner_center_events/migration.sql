-- CreateTable
CREATE TABLE "PartnerCenterWebhook" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "registeredByName" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerCenterWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerCenterEvent" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "resourceUri" TEXT NOT NULL,
    "resourceName" TEXT NOT NULL,
    "changedAt" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerCenterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterWebhook_orgId_key" ON "PartnerCenterWebhook"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterWebhook_tokenHash_key" ON "PartnerCenterWebhook"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterEvent_orgId_dedupeKey_key" ON "PartnerCenterEvent"("orgId", "dedupeKey");
