-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "partnerCenterLink" TEXT;
