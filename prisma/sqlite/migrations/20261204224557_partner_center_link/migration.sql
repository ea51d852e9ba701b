-- CreateTable
CREATE TABLE "PartnerCenterLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "partnerTenantId" TEXT NOT NULL,
    "linkedByUserId" TEXT NOT NULL,
    "linkedByName" TEXT NOT NULL,
    "accountName" TEXT,
    "linkedAt" DATETIME NOT NULL,
    "refreshToken" TEXT,
    "tokenRefreshedAt" DATETIME NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'embedded',
    "status" TEXT NOT NULL DEFAULT 'active',
    "warnedDaysLeft" INTEGER,
    "warnedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PartnerCenterLinkRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterLink_orgId_key" ON "PartnerCenterLink"("orgId");

-- CreateIndex
CREATE INDEX "PartnerCenterLink_status_tokenRefreshedAt_idx" ON "PartnerCenterLink"("status", "tokenRefreshedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterLinkRequest_tokenHash_key" ON "PartnerCenterLinkRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "PartnerCenterLinkRequest_orgId_idx" ON "PartnerCenterLinkRequest"("orgId");
