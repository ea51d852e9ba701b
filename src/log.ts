import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one object a line: `time` in ISO 8601 (UTC), `level` as its name (info, warn, …), then
 * the fields. Secrets never reach the log: known secret-bearing fields are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'csp-partner-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'MicrosoftAppPassword',
          '*.MicrosoftAppPassword',
          'DATA_ENCRYPTION_KEY',
          '*.DATA_ENCRYPTION_KEY',
          'token',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
