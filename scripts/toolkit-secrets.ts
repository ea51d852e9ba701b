/**
 * Provisioning step of the Microsoft 365 Agents Toolkit (m365agents.yml, `script` action): prints
 * `::set-teamsfx-env NAME=value` for each secret the Azure resources need that the environment does not
 * have yet. The toolkit stores SECRET_* outputs, encrypted, in env/.env.<env>.user, so each is generated
 * once and then reused: DATA_ENCRYPTION_KEY must never change after rows were encrypted with it.
 *
 *   SECRET_DATA_ENCRYPTION_KEY       base64 of 32 random bytes (src/config.ts DATA_ENCRYPTION_KEY)
 *   SECRET_POSTGRES_ADMIN_PASSWORD   PostgreSQL flexible server administrator password: URL-safe (it is
 *                                    written into DATABASE_URL unescaped) and meeting Azure's rule of
 *                                    three character classes out of upper, lower, digit and symbol
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

type RandomBytes = (size: number) => Buffer;

export const GENERATED_SECRETS = {
  SECRET_DATA_ENCRYPTION_KEY: (random: RandomBytes) => random(32).toString('base64'),
  SECRET_POSTGRES_ADMIN_PASSWORD: (random: RandomBytes) => `Pg1-${random(24).toString('base64url')}`,
} as const;

export type GeneratedSecret = keyof typeof GENERATED_SECRETS;

/** The secrets missing (unset or blank) from `env`, freshly generated; those present are left alone. */
export function missingSecrets(
  env: NodeJS.ProcessEnv,
  random: RandomBytes = randomBytes,
): Partial<Record<GeneratedSecret, string>> {
  const out: Partial<Record<GeneratedSecret, string>> = {};
  for (const [name, make] of Object.entries(GENERATED_SECRETS) as [GeneratedSecret, (r: RandomBytes) => string][]) {
    if ((env[name] ?? '').trim() === '') out[name] = make(random);
  }
  return out;
}

/** The toolkit's script-output syntax; values hold no spaces or quotes, so they need no quoting. */
export function toolkitOutput(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => `::set-teamsfx-env ${name}=${value}\n`)
    .join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = missingSecrets(process.env);
  process.stdout.write(toolkitOutput(generated));
  const names = Object.keys(generated);
  process.stderr.write(names.length > 0 ? `generated ${names.join(', ')}\n` : 'all secrets already set\n');
}
