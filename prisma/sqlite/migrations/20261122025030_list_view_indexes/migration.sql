-- CreateIndex
CREATE INDEX "CustomerRelationship_partnerId_createdAt_id_idx" ON "CustomerRelationship"("partnerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerRelationship_partnerId_resellerId_createdAt_id_idx" ON "CustomerRelationship"("partnerId", "resellerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Partnership_providerId_authorizedAt_id_idx" ON "Partnership"("providerId", "authorizedAt", "id");

-- CreateIndex
CREATE INDEX "Partnership_resellerId_authorizedAt_id_idx" ON "Partnership"("resellerId", "authorizedAt", "id");
