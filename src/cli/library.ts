import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LANGUAGES, type Language } from '../contracts/languages.ts';
import { DOCUMENT_KINDS, documentInputSchema, searchParamsSchema } from '../contracts/library.ts';
import { today } from '../lib/dates.ts';
import { badRequest } from '../lib/errors.ts';
import type { LibraryDeps } from '../modules/library/library.documents.ts';
import type { Db } from '../db/client.ts';
import { systemClock } from '../lib/dates.ts';
import { UsageError, requireChoice, requireDateOption, withDatabase } from './context.ts';
import { showsBold, terminalSnippet } from './snippet.ts';
import { formatTable } from './table.ts';

/** The same services the server uses, on the same file store (folder or bucket). */
async function libraryDeps(db: Db): Promise<LibraryDeps> {
  const [{ postgresSearchIndex }, { fileStoreFor }, { loadConfig }] = await Promise.all([
    import('../modules/library/search/postgres-search.ts'),
    import('../modules/library/storage/file-store-config.ts'),
    import('../server/config.ts'),
  ]);
  const { library } = loadConfig();
  return {
    db,
    files: fileStoreFor(library),
    search: postgresSearchIndex,
    clock: systemClock,
    maxUploadBytes: library.maxUploadBytes,
    extraction: { maxExtractedBytes: library.maxExtractedBytes, maxTextChars: library.maxTextChars },
  };
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

interface AddOptions {
  kind: string;
  language: string;
  country?: string;
  symbol?: string;
  title?: string;
  versionDate?: string;
  adopted?: string;
  visibility: string;
  instrument?: string[];
  format: string;
}

export function registerLibraryCommands(program: Command) {
  const library = program.command('library').description('the legal library: add, import and show documents');

  library
    .command('add <file>')
    .description('add one document from a PDF, DOCX, HTML, TXT or Markdown file; prints its id')
    .requiredOption('--kind <kind>', `one of ${DOCUMENT_KINDS.join(', ')}`)
    .requiredOption('--language <code>', 'language of the text (ar, zh, en, fr, ru, es)')
    .option('--country <ISO3>', 'country the document belongs to')
    .option('--symbol <symbol>', 'UN document symbol, e.g. A/RES/60/288')
    .option('--title <title>', "title in the document's language (default: the file name)")
    .option('--adopted <date>', 'date of adoption or publication (YYYY-MM-DD)')
    .option('--version-date <date>', 'date from which this text applies (default: the adoption date, else today)')
    .option('--instrument <id...>', 'instruments the document implements (ids such as icsft-1999)')
    .option('--visibility <visibility>', 'public or restricted', 'public')
    .option('--format <format>', 'id (just the new id) or json (the stored document)', 'id')
    .action(async (file: string, options: AddOptions) => {
      const [{ CLI_CONTEXT }, { COMMAND_LINE_ACTOR, createDocument }, { getDocument }] = await Promise.all([
        import('../modules/audit/audit.service.ts'),
        import('../modules/library/library.documents.ts'),
        import('../modules/library/library.read.ts'),
      ]);
      const language = requireChoice(options.language, '--language', LANGUAGES) as Language;
      const format = requireChoice(options.format, '--format', ['id', 'json'] as const);
      const path = resolve(file);
      if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${file} is not a file`);
      const adopted = requireDateOption(options.adopted, '--adopted');
      const parsed = documentInputSchema.safeParse({
        kind: options.kind,
        titles: { [language]: options.title ?? basename(path).replace(/\.[^.]+$/, '') },
        country: options.country ?? null,
        symbol: options.symbol ?? null,
        visibility: options.visibility,
        ...(adopted ? { [options.kind === 'un_document' ? 'publishedDate' : 'adoptedDate']: adopted } : {}),
        instruments: (options.instrument ?? []).map((instrument) => ({ instrument, article: null, note: null })),
      });
      if (!parsed.success)
        throw badRequest(
          'validation_failed',
          'Some options are not valid.',
          parsed.error.issues.map((i) => ({ field: `--${String(i.path[0])}`, reason: i.message })),
        );
      await withDatabase(async ({ db }) => {
        const deps = await libraryDeps(db);
        const id = await createDocument(deps, COMMAND_LINE_ACTOR, CLI_CONTEXT, parsed.data, {
          bytes: new Uint8Array(readFileSync(path)),
          filename: basename(path),
          language,
          versionDate: requireDateOption(options.versionDate, '--version-date') ?? null,
        });
        if (format === 'id') console.log(id);
        else print(await getDocument(deps, COMMAND_LINE_ACTOR, id, language, today()));
      });
    });

  library
    .command('import <folder>')
    .description('import a folder: metadata.csv (one document per line) and the files it names; all-or-nothing')
    .option('--dry-run', 'check everything, store nothing')
    .option('--format <format>', 'text or json', 'text')
    .action(async (folder: string, options: { dryRun?: boolean; format: string }) => {
      const [{ CLI_CONTEXT }, { COMMAND_LINE_ACTOR }, { importLibraryFolder }] = await Promise.all([
        import('../modules/audit/audit.service.ts'),
        import('../modules/library/library.documents.ts'),
        import('../modules/library/library.import.ts'),
      ]);
      const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
      await withDatabase(async ({ db }) => {
        const report = await importLibraryFolder(await libraryDeps(db), COMMAND_LINE_ACTOR, CLI_CONTEXT, folder, {
          dryRun: options.dryRun ?? false,
        });
        if (format === 'json') return print(report);
        console.log(
          `${report.imported.length} document${report.imported.length === 1 ? '' : 's'} ${report.dryRun ? 'would be imported' : 'imported'}, ${report.skipped.length} skipped`,
        );
        for (const row of report.imported) console.log(`  line ${row.line}: ${row.id ?? '(dry run)'} ${row.title}`);
        for (const row of report.skipped) console.log(`  line ${row.line}: skipped, ${row.reason}`);
      });
    });

  library
    .command('show <id>')
    .description("a document's metadata, versions and the references found in its text")
    .option('--lang <lang>', 'language of titles and names', 'en')
    .option('--as-at <date>', 'choose the version in force on this date (default: today)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (id: string, options: { lang: string; asAt?: string; format: string }) => {
      const [{ COMMAND_LINE_ACTOR }, { getDocument }] = await Promise.all([
        import('../modules/library/library.documents.ts'),
        import('../modules/library/library.read.ts'),
      ]);
      const lang = requireChoice(options.lang, '--lang', LANGUAGES) as Language;
      const format = requireChoice(options.format, '--format', ['text', 'json'] as const);
      await withDatabase(async ({ db }) => {
        const document = await getDocument(
          await libraryDeps(db),
          COMMAND_LINE_ACTOR,
          id,
          lang,
          requireDateOption(options.asAt, '--as-at') ?? today(),
        );
        if (format === 'json') return print(document);
        console.log(
          `${document.title}\n${document.uri} · ${document.kind}${document.countryName ? ` · ${document.countryName}` : ''}${document.symbol ? ` · ${document.symbol}` : ''}`,
        );
        console.log(`languages: ${document.languages.join(', ') || '—'}; versions: ${document.expressions.length}`);
        for (const [kind, values] of Object.entries(document.references))
          console.log(`${kind}: ${values.join(', ') || '—'}`);
      });
    });

  program
    .command('search <query>')
    .description('search the library: words, "phrases", -excluded words')
    .option('--lang <lang>', 'only texts in this language')
    .option('--country <ISO3>', 'only documents of this country')
    .option('--kind <kind>', `only this kind: ${DOCUMENT_KINDS.join(', ')}`)
    .option('--limit <n>', 'results to show (1-100)', '20')
    .option('--format <format>', 'table or json', 'table')
    .action(
      async (
        query: string,
        options: { lang?: string; country?: string; kind?: string; limit: string; format: string },
      ) => {
        const [{ COMMAND_LINE_ACTOR }, { searchLibrary }] = await Promise.all([
          import('../modules/library/library.documents.ts'),
          import('../modules/library/library.search.ts'),
        ]);
        const format = requireChoice(options.format, '--format', ['table', 'json'] as const);
        const params = searchParamsSchema.safeParse({
          q: query,
          lang: options.lang,
          country: options.country,
          kind: options.kind,
          pageSize: options.limit,
        });
        if (!params.success)
          throw new UsageError(params.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
        await withDatabase(async ({ db }) => {
          const found = await searchLibrary(
            await libraryDeps(db),
            COMMAND_LINE_ACTOR,
            params.data,
            params.data.lang ?? 'en',
          );
          const results = found.results.map((r) => ({
            id: r.id,
            title: r.title,
            kind: r.kind,
            country: r.country,
            language: r.language,
            snippet: r.snippet,
            score: r.score,
          }));
          if (format === 'json') return print({ total: found.total, results });
          console.log(
            `${found.total} result${found.total === 1 ? '' : 's'}${found.fuzzy ? ' (close matches of titles and country names)' : ''}\n`,
          );
          const bold = showsBold();
          const rows = results.map((r) => [
            r.id,
            r.title.slice(0, 60),
            r.kind,
            r.country,
            r.language,
            terminalSnippet(r.snippet, { bold, maxChars: 80 }),
          ]);
          if (results.length > 0)
            console.log(formatTable(['id', 'title', 'kind', 'country', 'language', 'snippet'], rows));
        });
      },
    );
}
