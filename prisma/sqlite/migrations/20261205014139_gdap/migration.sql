-- CreateTable
CREATE TABLE "GdapRelationship" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "resellerApprovedAt" DATETIME,
    "resellerApprovedByName" TEXT,
    "requestedByUserId" TEXT,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "tokenHash" TEXT,
    "tokenUsedAt" DATETIME,
    "approvalExpiresAt" DATETIME,
    "approvedAt" DATETIME,
    "approvedByName" TEXT,
    "approvedByRef" TEXT,
    "activatedAt" DATETIME,
    "endsAt" DATETIME,
    "extendedAt" DATETIME,
    "declinedAt" DATETIME,
    "terminatedAt" DATETIME,
    "terminatedByName" TEXT,
    "endReason" TEXT,
    "remoteId" TEXT,
    "remoteApprovalLink" TEXT,
    "renewedFromId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GdapAccessAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "relationshipId" TEXT NOT NULL,
    "securityGroupId" TEXT NOT NULL,
    "securityGroupName" TEXT NOT NULL,
    "roleTemplateIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "activeKey" TEXT,
    "remoteId" TEXT,
    "createdByUserId" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    "removedByName" TEXT,
    CONSTRAINT "GdapAccessAssignment_relationshipId_fkey" FOREIGN KEY ("relationshipId") REFERENCES "GdapRelationship" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
