import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, languageOfTag, type Language } from '../contracts/languages.ts';
import { systemClock } from '../lib/dates.ts';
import { UsageError, requireChoice, withDatabase } from './context.ts';

const ORGANIZATION_KINDS = ['un', 'partner', 'donor', 'government', 'other'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  let asked = false;
  output._writeToOutput = (text: string) => {
    if (!asked) {
      process.stdout.write(text);
      asked = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

/**
 * The language of the environment's locale, as POSIX reads it (LC_ALL, then LC_MESSAGES, then LANG), when
 * it is one of the six; else English.
 */
export function environmentLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value);
  return languageOfTag(locale) ?? DEFAULT_LANGUAGE;
}

/** Asks for a language on a terminal until the answer is one of the six; an empty answer takes the fallback. */
export async function askLanguage(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  fallback: Language,
): Promise<Language> {
  const rl = createInterface({ input, output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      output.write(`Language of the interface and mails (${LANGUAGES.join(', ')}) [${fallback}]: `);
      const next = await lines.next();
      if (next.done) return fallback;
      const answer = String(next.value).trim().toLowerCase();
      if (!answer) return fallback;
      if (isLanguage(answer)) return answer;
      output.write(`"${answer}" is not one of ${LANGUAGES.join(', ')}\n`);
    }
  } finally {
    rl.close();
  }
}

export function registerUserCommands(program: Command) {
  const user = program.command('user').description('user accounts');

  user
    .command('create-admin')
    .description(
      'create an administrator (the first one, typically); the password is asked for, or read from standard input with --password-stdin',
    )
    .requiredOption('--email <email>', 'email address, used to sign in')
    .requiredOption('--name <name>', 'name shown in the application')
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .option(
      '--language <code>',
      `preferred language (${LANGUAGES.join(', ')}); asked on a terminal, else the locale's or en`,
    )
    .action(async (options: { email: string; name: string; passwordStdin?: boolean; language?: string }) => {
      const [{ CLI_CONTEXT }, { createAdministrator }] = await Promise.all([
        import('../modules/audit/audit.service.ts'),
        import('../modules/accounts/users.service.ts'),
      ]);
      let preferredLanguage: Language;
      if (options.language !== undefined) preferredLanguage = requireChoice(options.language, '--language', LANGUAGES);
      else if (process.stdin.isTTY) {
        preferredLanguage = await askLanguage(process.stdin, process.stdout, environmentLanguage());
      } else preferredLanguage = environmentLanguage();
      let password: string;
      if (options.passwordStdin) password = await readStdin();
      else if (process.stdin.isTTY) {
        password = await promptHidden('Password (at least 12 characters): ');
        if (password !== (await promptHidden('Same password again: ')))
          throw new UsageError('the two passwords differ');
      } else
        throw new UsageError('no terminal to ask for the password: pass it on standard input with --password-stdin');
      await withDatabase(async ({ db }) => {
        const created = await createAdministrator({
          db,
          clock: systemClock,
          context: CLI_CONTEXT,
          email: options.email,
          displayName: options.name,
          password,
          preferredLanguage,
        });
        const { id, email, preferredLanguage: language } = created;
        console.log(`administrator ${email} created (id ${id}, language ${language}); sign in at /sign-in`);
      });
    });

  const organization = program
    .command('organization')
    .description('organizations users belong to and activities are organized by');
  organization
    .command('add <name>')
    .description('add an organization (as the administration page does)')
    .option('--kind <kind>', ORGANIZATION_KINDS.join(', '), 'partner')
    .action(async (name: string, options: { kind: string }) => {
      const [{ CLI_CONTEXT, recordAudit }, { and, isNull, sql }, { inTransaction }, { organizations }] =
        await Promise.all([
          import('../modules/audit/audit.service.ts'),
          import('drizzle-orm'),
          import('../db/client.ts'),
          import('../modules/accounts/accounts.table.ts'),
        ]);
      const kind = requireChoice(options.kind, '--kind', ORGANIZATION_KINDS);
      const trimmed = name.trim();
      if (trimmed.length < 2 || trimmed.length > 200) throw new UsageError('the name must have 2 to 200 characters');
      await withDatabase(async ({ db }) => {
        const [clash] = await db
          .select({ id: organizations.id })
          .from(organizations)
          .where(and(sql`lower(${organizations.name}) = lower(${trimmed})`, isNull(organizations.deletedAt)));
        if (clash) throw new UsageError(`an organization is already called "${trimmed}"`);
        const id = await inTransaction(db, async (tx) => {
          const now = systemClock.now().toISOString();
          const [row] = await tx
            .insert(organizations)
            .values({ name: trimmed, kind, createdAt: now, updatedAt: now })
            .returning();
          await recordAudit(
            tx,
            CLI_CONTEXT,
            {
              action: 'organization.create',
              entityType: 'organization',
              entityId: row!.id,
              after: { name: trimmed, kind },
            },
            now,
          );
          return row!.id;
        });
        console.log(id);
      });
    });
}
