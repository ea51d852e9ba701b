-- CreateTable
CREATE TABLE "GdapDigestLine" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "relationshipId" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GdapDigestLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GdapDigestLine_orgId_day_idx" ON "GdapDigestLine"("orgId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "GdapDigestLine_relationshipId_threshold_key" ON "GdapDigestLine"("relationshipId", "threshold");
