-- DropIndex
DROP INDEX "Partnership_providerId_state_authorizedAt_idx";

-- CreateIndex
CREATE INDEX "Partnership_providerId_requestedAt_state_idx" ON "Partnership"("providerId", "requestedAt", "state");
