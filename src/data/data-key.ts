import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { newDataKey, parseDataKey } from './field-cipher.js';
import type { Logger } from '../log.js';
import { sqliteFilePath } from './database-url.js';

/** The key file's name, beside the SQLite database (./data/ by default, which git ignores). */
export const DATA_KEY_FILE = 'data-encryption.key';

/**
 * The key of the at-rest encryption (src/domain/shared/field-cipher.ts): DATA_ENCRYPTION_KEY when set.
 * Unset with the embedded SQLite (the no-configuration `npm start`): the key in the file beside the
 * database, created (random, mode 0600) on first start, with a warning that production should set
 * the variable. Unset with PostgreSQL (or in-memory SQLite), where a local file would be lost or not
 * shared by the other instances: refused, naming the variable.
 */
export function resolveDataKey(
  config: Pick<Config, 'DATA_ENCRYPTION_KEY' | 'DATABASE_URL'>,
  logger?: Pick<Logger, 'warn'>,
  cwd: string = process.cwd(),
): Buffer {
  if (config.DATA_ENCRYPTION_KEY) {
    const key = parseDataKey(config.DATA_ENCRYPTION_KEY);
    if (!key) throw new ConfigError([{ variable: 'DATA_ENCRYPTION_KEY', message: 'must be the base64 encoding of exactly 32 bytes' }]);
    return key;
  }
  const dbFile = config.DATABASE_URL.startsWith('file:') ? sqliteFilePath(config.DATABASE_URL, cwd) : null;
  if (!dbFile || dbFile === ':memory:') {
    throw new ConfigError([
      {
        variable: 'DATA_ENCRYPTION_KEY',
        message: 'is required unless DATABASE_URL is an SQLite file (set base64 of 32 random bytes: openssl rand -base64 32)',
      },
    ]);
  }
  const file = path.join(path.dirname(dbFile), DATA_KEY_FILE);
  const created = createKeyFile(file);
  const key = parseDataKey(readFileSync(file, 'utf8'));
  if (!key) {
    throw new ConfigError([
      { variable: 'DATA_ENCRYPTION_KEY', message: `is unset and the key file ${file} does not hold base64 of 32 bytes` },
    ]);
  }
  const loose = (statSync(file).mode & 0o077) !== 0;
  logger?.warn(
    { keyFile: file, created, ...(loose ? { mode: (statSync(file).mode & 0o777).toString(8) } : {}) },
    `DATA_ENCRYPTION_KEY is unset: stored bank details are encrypted with the key in ${file}` +
      `${created ? ' (created now)' : ''}${loose ? ', which others can read (chmod 600 it)' : ''}. ` +
      'Production should set DATA_ENCRYPTION_KEY (base64 of 32 random bytes) and keep the key out of the database host.',
  );
  return key;
}

/** Writes a new random key to `file` unless it exists; true when it was created. */
function createKeyFile(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under a temporary name, then linked into place: an instance starting at the same
  // time sees either no key file or a complete one, and only one key wins.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, newDataKey() + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}
