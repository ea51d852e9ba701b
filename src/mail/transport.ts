import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** One message, already rendered in its recipient's locale. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /**
   * Links in the message (bearer secrets: verification links): never logged; the outbox replaces them in its row
   * once the message is sent. Without SMTP the .eml file holds them.
   */
  readonly links: readonly string[];
}

/** Sends one message; throws when the server refuses it (the outbox retries). */
export type MailTransport = (message: MailMessage) => Promise<void>;

/**
 * The mail transport from configuration: SMTP through nodemailer when SMTP_URL is set (one URL holds
 * host, port, TLS and credentials); otherwise each message becomes an .eml file under MAIL_DIR and the
 * log says which file (never the links it holds), so a local run needs no mail server.
 */
export function createMailTransport(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_DIR'>,
  logger: Logger,
): MailTransport {
  if (config.SMTP_URL) {
    const transporter = nodemailer.createTransport(config.SMTP_URL);
    return async (m) => {
      await transporter.sendMail({ from: config.MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
    };
  }
  const dir = resolve(config.MAIL_DIR);
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (m) => {
    const info = await files.sendMail({ from: config.MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
    const raw: unknown = info.message;
    if (!Buffer.isBuffer(raw)) throw new Error('mail: stream transport returned no buffer');
    await mkdir(dir, { recursive: true });
    const file = join(
      dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9]/g, '')}.eml`,
    );
    await writeFile(file, raw);
    // where the message is, never its links: open the .eml to follow them
    logger.info({ to: m.to, subject: m.subject, file }, 'mail written to file (SMTP_URL not set)');
  };
}
