-- AlterTable
ALTER TABLE "ProgramAdmin" ADD COLUMN     "bootstrap" BOOLEAN NOT NULL DEFAULT false;
