-- CreateTable
CREATE TABLE "PartnerCenterLink" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "partnerTenantId" TEXT NOT NULL,
    "linkedByUserId" TEXT NOT NULL,
    "linkedByName" TEXT NOT NULL,
    "accountName" TEXT,
    "linkedAt" TIMESTAMP(3) NOT NULL,
    "refreshToken" TEXT,
    "tokenRefreshedAt" TIMESTAMP(3) NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'embedded',
    "status" TEXT NOT NULL DEFAULT 'active',
    "warnedDaysLeft" INTEGER,
    "warnedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerCenterLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerCenterLinkRequest" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerCenterLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterLink_orgId_key" ON "PartnerCenterLink"("orgId");

-- CreateIndex
CREATE INDEX "PartnerCenterLink_status_tokenRefreshedAt_idx" ON "PartnerCenterLink"("status", "tokenRefreshedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterLinkRequest_tokenHash_key" ON "PartnerCenterLinkRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "PartnerCenterLinkRequest_orgId_idx" ON "PartnerCenterLinkRequest"("orgId");
