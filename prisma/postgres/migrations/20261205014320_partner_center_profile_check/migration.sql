-- CreateTable
CREATE TABLE "PartnerCenterProfileCheck" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartnerCenterProfileCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCenterProfileCheck_orgId_key" ON "PartnerCenterProfileCheck"("orgId");
