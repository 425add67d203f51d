import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { outbox } from './accounts.table.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface Mailer {
  /** Records the mail in the outbox (same transaction as the change that caused it). */
  queue(db: Db, mail: Mail, at: string): Promise<string>;
  /** After commit: sends queued mail when SMTP is configured; otherwise logs that it waits in the outbox. */
  deliver(db: Db, id: string): Promise<void>;
}

/**
 * Mail goes through the outbox table first, so a change and its mail commit together. With SMTP
 * configured it is then sent and marked sent; without, administrators read it in the outbox.
 */
export function createMailer({
  smtpUrl,
  from,
  log,
}: {
  smtpUrl: string | undefined;
  from: string;
  log?: FastifyBaseLogger | undefined;
}): Mailer {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async queue(db, mail, at) {
      const [row] = await db
        .insert(outbox)
        .values({ ...mail, createdAt: at, status: 'queued' })
        .returning({ id: outbox.id });
      return row!.id;
    },
    async deliver(db, id) {
      const [mail] = await db.select().from(outbox).where(eq(outbox.id, id));
      if (!mail) return;
      if (!transport) {
        log?.info(
          { to: mail.to, subject: mail.subject, outboxId: id },
          'no SMTP server configured: mail kept in the outbox',
        );
        return;
      }
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
        await db.update(outbox).set({ status: 'sent', sentAt: new Date().toISOString() }).where(eq(outbox.id, id));
      } catch (error) {
        log?.error({ err: error, outboxId: id }, 'mail could not be sent');
        await db
          .update(outbox)
          .set({ status: 'failed', error: (error as Error).message })
          .where(eq(outbox.id, id));
      }
    },
  };
}
