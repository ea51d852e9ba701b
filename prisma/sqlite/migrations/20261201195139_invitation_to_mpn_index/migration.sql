-- CreateIndex
CREATE INDEX "Invitation_toMpnId_createdAt_idx" ON "Invitation"("toMpnId", "createdAt");
