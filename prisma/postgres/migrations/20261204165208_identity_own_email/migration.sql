-- AlterTable
ALTER TABLE "MpaAcceptance" ALTER COLUMN "signerEmail" DROP NOT NULL;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "email" DROP NOT NULL,
ALTER COLUMN "emailLower" DROP NOT NULL;
