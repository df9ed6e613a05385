import { createTransport, type Transporter } from 'nodemailer';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { normalizeEmail } from '../fields/email.field.ts';
import type { Registry } from '../metadata/registry.ts';
import { recordMail } from './mail-log.ts';

export interface MailOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset = mail is refused (never silently dropped). */
  url?: string;
  /** Sender address, e.g. `客户关怀 <care@example.com>`. */
  from?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text; also the alternative part of an HTML message. */
  text: string;
  /** Safe (sanitised) HTML, when the message has formatting. */
  html?: string;
  /** The record the message is about (a contact, a task…), kept in the mail log. */
  related?: { object: string; id: number };
}

export interface MailOutcome {
  status: 'sent' | 'failed';
  error?: string;
  logId: number;
}

/** The sender when none is configured: the SMTP account if it is an address, else no-reply at the SMTP host. */
function defaultFrom(url: URL): string {
  const user = decodeURIComponent(url.username);
  return normalizeEmail(user) ?? `noreply@${url.hostname}`;
}

/**
 * The platform's outgoing mail: one SMTP connection pool for the process, every message (sent or failed) in the
 * mail log. Modules call `send` once per recipient, so that no recipient ever sees another's address.
 */
export class MailService {
  private readonly transport?: Transporter;
  private readonly from?: string;

  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    opts: MailOptions = {},
  ) {
    if (!opts.url) return;
    const url = new URL(opts.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
      throw new Error('KEHU_SMTP_URL must be smtp:// or smtps://');
    this.from = opts.from ?? defaultFrom(url);
    // Bounded waits: a request sending mail must not hang for nodemailer's default ten minutes on a dead server.
    this.transport = createTransport({
      url: opts.url,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** Refuse up front (before any work) when no SMTP server is configured. */
  assertConfigured(): void {
    if (!this.transport) throw new KehuError('MAIL_NOT_CONFIGURED', {}, undefined, 503);
  }

  /** Send one message to one recipient. SMTP failures are results (logged), not exceptions. */
  async send(ctx: Ctx, msg: MailMessage): Promise<MailOutcome> {
    this.assertConfigured();
    const to = normalizeEmail(msg.to);
    // Header injection: a subject is one line.
    const subject = msg.subject.replace(/[\r\n]+/g, ' ').trim();
    const log = (status: 'sent' | 'failed', error?: string, messageId?: string) =>
      recordMail(this.db, this.registry, {
        to: to ?? msg.to,
        subject,
        status,
        error,
        messageId,
        related: msg.related,
        sentBy: ctx.actor.userId || null,
      });
    if (!to) return { status: 'failed', error: 'invalid address', logId: await log('failed', 'invalid address') };
    try {
      const info = await this.transport!.sendMail({ from: this.from, to, subject, text: msg.text, html: msg.html });
      return { status: 'sent', logId: await log('sent', undefined, info.messageId) };
    } catch (err) {
      const error = String((err as Error)?.message ?? err).slice(0, 500);
      return { status: 'failed', error, logId: await log('failed', error) };
    }
  }

  close(): void {
    this.transport?.close();
  }
}
