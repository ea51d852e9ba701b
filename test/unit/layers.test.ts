import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The layers are held by lint (eslint.config.js, no-restricted-imports), not by good intentions: a probe file
 * that breaks a rule is linted with the project's own configuration and must be refused, and its allowed twin
 * must pass.
 */
const root = path.resolve(import.meta.dirname, '../..');

async function restricted(relFile: string, source: string): Promise<string[]> {
  const file = path.join(root, relFile);
  writeFileSync(file, source);
  try {
    const [result] = await new ESLint({ cwd: root }).lintFiles([file]);
    return (result?.messages ?? [])
      .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
      .map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('layers enforced by lint', function () {
  this.timeout(60_000);

  const cases: { file: string; source: string; refused: boolean }[] = [
    {
      file: 'src/domain/shared/zz-layer-probe.ts',
      source: "import { TurnContext } from 'botbuilder';\nexport const probe = TurnContext;\n",
      refused: true,
    },
    {
      file: 'src/domain/shared/zz-layer-probe.ts',
      source: "import { openDatabase } from '../../data/db.js';\nexport const probe = openDatabase;\n",
      refused: true,
    },
    {
      file: 'src/domain/shared/zz-layer-probe.ts',
      source: "import { Prisma } from '../../generated/sqlite/client.js';\nexport const probe = Prisma;\n",
      refused: true,
    },
    {
      file: 'src/domain/shared/zz-layer-probe.ts',
      source:
        "import type { Prisma } from '../../generated/sqlite/client.js';\nexport type Probe = Prisma.TransactionClient;\n",
      refused: false,
    },
    {
      file: 'src/web/zz-layer-probe.ts',
      source: "import { actorOf } from '../bot/actor.js';\nexport const probe = actorOf;\n",
      refused: true,
    },
    {
      file: 'src/web/zz-layer-probe.ts',
      source: "import { commands } from '../bot/commands.js';\nexport const probe = commands;\n",
      refused: false,
    },
  ];
  for (const c of cases) {
    const what = c.source.split('\n')[0];
    it(`${c.refused ? 'refuses' : 'allows'} ${what} in ${c.file.split('/').slice(0, 2).join('/')}`, async () => {
      const messages = await restricted(c.file, c.source);
      assert.equal(messages.length > 0, c.refused, messages.join('; ') || 'no restricted-import message');
    });
  }
});
