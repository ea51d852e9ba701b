/**
 * Issue 14 item 3: the migration that lets a user (and an MPA signer) have no e-mail keeps every row stored the
 * old way: users with their addresses and role grants (SQLite redefines the User table; its children must stay),
 * and MPA acceptances with their signer's address.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { applyMigrations } from '../../../src/data/db.js';
import { migrationsDir } from '../../../src/data/migrations.js';

const MIGRATION = '20261204165208_identity_own_email';

describe('migration identity_own_email [sqlite]', function () {
  it('U2/M1: rows stored before it stay readable, with their e-mails and role grants; a user may then have none', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'csp-identity-mig-'));
    try {
      const source = migrationsDir('sqlite');
      const target = path.join(root, 'prisma', 'sqlite', 'migrations');
      const names = readdirSync(source, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      assert.ok(names.includes(MIGRATION));
      const copy = (name: string) => cpSync(path.join(source, name), path.join(target, name), { recursive: true });
      for (const name of names.filter((n) => n < MIGRATION)) copy(name);
      const url = `file:${path.join(root, 'db.sqlite')}`;
      const prismaDir = path.join(root, 'prisma');
      await applyMigrations(url, { prismaDir });

      const raw = new Sqlite(path.join(root, 'db.sqlite'));
      const now = Date.now();
      raw.exec(
        `INSERT INTO "Organization" ("id","tenantId","mpnId","legalName","nameSearch","addressLine1","city","postalCode","country","region","createdAt","updatedAt")
           VALUES ('o1','t1','1234567','Contoso','contoso','1 Main','Seoul','04524','KR','korea',${now},${now});
         INSERT INTO "User" ("id","orgId","aadObjectId","name","email","emailLower","createdAt")
           VALUES ('u1','o1','aad-1','Erin','Primary@Contoso.example','primary@contoso.example',${now});
         INSERT INTO "RoleGrant" ("id","userId","role","grantedAt") VALUES ('g1','u1','global_admin',${now});
         INSERT INTO "MpaAcceptance" ("id","orgId","version","signerUserId","signerName","signerEmail","signedAt")
           VALUES ('m1','o1','2020-02','u1','Erin','Primary@Contoso.example',${now});`,
      );
      raw.close();

      for (const name of names.filter((n) => n >= MIGRATION)) copy(name);
      const applied = (await applyMigrations(url, { prismaDir })).applied;
      assert.equal(applied[0], MIGRATION);

      const check = new Sqlite(path.join(root, 'db.sqlite'));
      try {
        assert.deepEqual(check.prepare('SELECT id, aadObjectId, email, emailLower FROM "User"').all(), [
          { id: 'u1', aadObjectId: 'aad-1', email: 'Primary@Contoso.example', emailLower: 'primary@contoso.example' },
        ]);
        assert.deepEqual(check.prepare('SELECT id, userId, role FROM "RoleGrant"').all(), [
          { id: 'g1', userId: 'u1', role: 'global_admin' },
        ]);
        assert.deepEqual(check.prepare('SELECT id, signerEmail FROM "MpaAcceptance"').all(), [
          { id: 'm1', signerEmail: 'Primary@Contoso.example' },
        ]);
        // now a user may have no e-mail, and two such users of one organisation do not collide
        check.exec(
          `INSERT INTO "User" ("id","orgId","name","email","emailLower","createdAt") VALUES ('u2','o1','Kim',NULL,NULL,${now});
           INSERT INTO "User" ("id","orgId","name","email","emailLower","createdAt") VALUES ('u3','o1','Lee',NULL,NULL,${now});`,
        );
        assert.equal((check.prepare('SELECT COUNT(*) AS n FROM "User"').get() as { n: number }).n, 3);
      } finally {
        check.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
