import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_CLOCK, type TestDb } from '../../../test/helpers/db.ts';
import { outbox } from './accounts.table.ts';
import { createMailer } from './mail.ts';
import { renderMail } from './mail.templates.ts';

describe('mail', () => {
  let database: TestDb;
  let smtp: SMTPServer;
  let port: number;
  const received: { to: string[]; data: string }[] = [];

  beforeAll(async () => {
    database = await createTestDb();
    // A real SMTP server on this machine, as an organisation's relay would be.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.destroy();
  });

  it('is sent through the configured SMTP server and marked sent in the outbox', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Lexpact <no-reply@lexpact.test>' });
    const id = await mailer.queue(
      database.db,
      { to: 'amina@justice.ne', subject: 'Invitation', body: 'Open https://lexpact.test/accept-invitation?token=abc' },
      TEST_CLOCK.now().toISOString(),
    );
    await mailer.deliver(database.db, id);
    expect(received.at(-1)?.to).toEqual(['amina@justice.ne']);
    expect(received.at(-1)?.data).toContain('accept-invitation?token=abc');
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'sent' });
    expect(row!.sentAt).not.toBeNull();
  });

  it('stays queued in the outbox when no SMTP server is configured', async () => {
    const mailer = createMailer({ smtpUrl: undefined, from: 'Lexpact <no-reply@lexpact.test>' });
    const id = await mailer.queue(
      database.db,
      { to: 'someone@example.org', subject: 'Reset', body: 'link' },
      TEST_CLOCK.now().toISOString(),
    );
    await mailer.deliver(database.db, id);
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'queued', sentAt: null });
  });

  it('is marked failed, not lost, when the SMTP server cannot be reached', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'Lexpact <no-reply@lexpact.test>' });
    const id = await mailer.queue(
      database.db,
      { to: 'someone@example.org', subject: 'Reset', body: 'link' },
      TEST_CLOCK.now().toISOString(),
    );
    await mailer.deliver(database.db, id);
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.error).toBeTruthy();
  });

  it("is written in the recipient's language, falling back to English", () => {
    const values = {
      name: 'Amina',
      inviter: 'admin@lexpact.test',
      link: 'https://lexpact.test/x',
      expires: '2026-07-07 08:00 UTC',
    };
    const english = renderMail('invitation', 'en', values);
    expect(english.body).toContain('Hello Amina');
    expect(english.body).toContain('https://lexpact.test/x');
    expect(renderMail('invitation', 'xx', values)).toEqual(english);
    for (const lang of ['ar', 'zh', 'fr', 'ru', 'es'])
      expect(renderMail('invitation', lang, values).body).toContain('https://lexpact.test/x');
  });
});
