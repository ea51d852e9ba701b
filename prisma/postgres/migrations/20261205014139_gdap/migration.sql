-- CreateTable
CREATE TABLE "GdapRelationship" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayNameKey" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "customerTenantId" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "roleTemplateIds" TEXT NOT NULL,
    "durationDays" INTEGER NOT NULL,
    "autoExtendDays" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "resellerId" TEXT,
    "resellerName" TEXT,
    "resellerTenantId" TEXT,
    "resellerApprovedAt" TIMESTAMP(3),
    "resellerApprovedByName" TEXT,
    "requestedByUserId" TEXT,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "tokenHash" TEXT,
    "tokenUsedAt" TIMESTAMP(3),
    "approvalExpiresAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "approvedByName" TEXT,
    "approvedByRef" TEXT,
    "activatedAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "extendedAt" TIMESTAMP(3),
    "declinedAt" TIMESTAMP(3),
    "terminatedAt" TIMESTAMP(3),
    "terminatedByName" TEXT,
    "endReason" TEXT,
    "remoteId" TEXT,
    "remoteApprovalLink" TEXT,
    "renewedFromId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GdapRelationship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GdapAccessAssignment" (
    "id" TEXT NOT NULL,
    "relationshipId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,
    "securityGroupName" TEXT NOT NULL,
    "roleTemplateIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "activeKey" TEXT,
    "remoteId" TEXT,
    "createdByUserId" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedByName" TEXT,

    CONSTRAINT "GdapAccessAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GdapRelationship_tokenHash_key" ON "GdapRelationship"("tokenHash");

-- CreateIndex
CREATE INDEX "GdapRelationship_orgId_createdAt_id_idx" ON "GdapRelationship"("orgId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "GdapRelationship_resellerId_createdAt_id_idx" ON "GdapRelationship"("resellerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "GdapRelationship_orgId_endsAt_idx" ON "GdapRelationship"("orgId", "endsAt");

-- CreateIndex
CREATE INDEX "GdapRelationship_status_endsAt_idx" ON "GdapRelationship"("status", "endsAt");

-- CreateIndex
CREATE INDEX "GdapRelationship_customerId_idx" ON "GdapRelationship"("customerId");

-- CreateIndex
CREATE INDEX "GdapRelationship_remoteId_idx" ON "GdapRelationship"("remoteId");

-- CreateIndex
CREATE UNIQUE INDEX "GdapRelationship_orgId_displayNameKey_key" ON "GdapRelationship"("orgId", "displayNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "GdapAccessAssignment_activeKey_key" ON "GdapAccessAssignment"("activeKey");

-- CreateIndex
CREATE INDEX "GdapAccessAssignment_relationshipId_createdAt_idx" ON "GdapAccessAssignment"("relationshipId", "createdAt");

-- AddForeignKey
ALTER TABLE "GdapAccessAssignment" ADD CONSTRAINT "GdapAccessAssignment_relationshipId_fkey" FOREIGN KEY ("relationshipId") REFERENCES "GdapRelationship"("id") ON DELETE CASCADE ON UPDATE CASCADE;
