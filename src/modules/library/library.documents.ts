import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import { DOCUMENT_SUBTYPES, type DocumentInput } from '../../contracts/library.ts';
import { insertRows, inTransaction, type Db } from '../../db/client.ts';
import type { Clock } from '../../lib/dates.ts';
import { AppError, badRequest, because, notFound, type FieldProblem } from '../../lib/errors.ts';
import type { Actor } from '../accounts/policy.ts';
import { recordAudit, recordAudits, type AuditContext } from '../audit/audit.service.ts';
import { instruments } from '../instruments/instruments.table.ts';
import { participants } from '../participants/participants.table.ts';
import { DEFAULT_EXTRACTION_LIMITS, detectFileType, type ExtractionLimits } from './extract/extract.ts';
import { extractTextOffThread } from './extract/off-thread.ts';
import { canEditDocument, canReadDocument } from './library.access.ts';
import { storeReferences } from './library.references.ts';
import {
  libraryDocumentTitles,
  libraryDocuments,
  libraryEvents,
  libraryExpressions,
  libraryFiles,
  libraryInstrumentLinks,
} from './library.table.ts';
import type { LibrarySearchIndex } from './search/search-index.ts';
import { sha256Hex, storageKeyFor, type FileStore } from './storage/file-store.ts';

export interface LibraryDeps {
  db: Db;
  files: FileStore;
  search: LibrarySearchIndex;
  clock: Clock;
  /** Largest original accepted, in bytes. */
  maxUploadBytes: number;
  /** How much text extraction may read from one file; DEFAULT_EXTRACTION_LIMITS when absent. */
  extraction?: ExtractionLimits;
}

/** A file as received, before anything is stored. */
export interface Upload {
  bytes: Uint8Array;
  filename: string;
  language: Language;
  /** Date from which this text is the law; defaults to the in-force, adoption or publication date, else today. */
  versionDate?: string | null | undefined;
}

export type DocumentRow = typeof libraryDocuments.$inferSelect;

const forbidden = (message: string, problems: FieldProblem[] = []) =>
  new AppError({ status: 403, code: 'library.forbidden', message, problems });

export async function findDocumentRow(db: Db, id: string): Promise<DocumentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db
    .select()
    .from(libraryDocuments)
    .where(and(eq(libraryDocuments.id, id), isNull(libraryDocuments.deletedAt)));
  return row;
}

/** The document if the actor may see it; a restricted document is "not found" to others, so its existence does not leak. */
export async function readableDocument(db: Db, actor: Actor, id: string): Promise<DocumentRow> {
  const row = await findDocumentRow(db, id);
  if (!row || !canReadDocument(actor, row))
    throw notFound('library.document_not_found', 'There is no such document in the library.');
  return row;
}

/** Checks references to other records; every problem is reported at once, by field. */
async function validateInput(db: Db, input: DocumentInput, documentId: string | null): Promise<void> {
  const problems: FieldProblem[] = [];
  const subtypes = DOCUMENT_SUBTYPES[input.kind];
  if (input.subtype && !subtypes?.includes(input.subtype)) {
    problems.push({
      field: 'subtype',
      ...(subtypes
        ? because('subtype_not_one_of', `must be one of ${subtypes.join(', ')} for ${input.kind}`, {
            values: subtypes.join(', '),
            kind: input.kind,
          })
        : because('no_subtypes', `${input.kind} has no subtypes`, { kind: input.kind })),
    });
  }
  if (input.country) {
    const [found] = await db
      .select({ id: participants.id })
      .from(participants)
      .where(eq(participants.id, input.country.toUpperCase()));
    if (!found)
      problems.push({
        field: 'country',
        reason: `${input.country} is not a known country or participant (use the ISO 3166-1 alpha-3 code)`,
        code: 'unknown_country',
        params: { value: input.country },
      });
  }
  const known = new Set((await db.select({ id: instruments.id }).from(instruments)).map((row) => row.id));
  input.instruments.forEach((link, index) => {
    if (!known.has(link.instrument))
      problems.push({
        field: `instruments.${index}.instrument`,
        reason: `${link.instrument} is not a known instrument`,
        code: 'unknown_instrument',
        params: { value: link.instrument },
      });
  });
  for (const [index, event] of input.events.entries()) {
    if (!event.by) continue;
    if (event.by === documentId)
      problems.push({
        field: `events.${index}.by`,
        ...because('amends_itself', 'a document cannot amend or repeal itself'),
      });
    else if (!(await findDocumentRow(db, event.by)))
      problems.push({
        field: `events.${index}.by`,
        ...because('unknown_document', 'there is no such document in the library'),
      });
  }
  const dates = [
    ['adoptedDate', input.adoptedDate],
    ['inForceDate', input.inForceDate],
    ['repealedDate', input.repealedDate],
  ] as const;
  if (input.adoptedDate && input.inForceDate && input.inForceDate < input.adoptedDate)
    problems.push({ field: 'inForceDate', ...because('before_adoption', 'must not be before the adoption date') });
  if (input.repealedDate && dates.some(([, value]) => value && value > input.repealedDate!))
    problems.push({
      field: 'repealedDate',
      ...because('before_adoption_or_in_force', 'must not be before the adoption or entry-into-force date'),
    });
  if (problems.length > 0) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
}

const workType = (input: Pick<DocumentInput, 'kind' | 'subtype'>) =>
  input.kind === 'legislation'
    ? input.subtype === 'draft_bill'
      ? 'bill'
      : 'act'
    : input.kind === 'case_law'
      ? 'judgment'
      : `doc/${(input.subtype ?? input.kind).replace(/_/g, '-')}`;

const slug = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);

/** FRBR work URI in the Akoma Ntoso naming convention: /akn/<country>/<type>/<year>/<number>. */
function baseWorkUri(input: DocumentInput, id: string, today: string, iso2: Map<string, string>): string {
  const code = input.country?.toUpperCase();
  const country = code ? (iso2.get(code) ?? code).toLowerCase() : input.kind === 'un_document' ? 'un' : 'int';
  const year = (input.adoptedDate ?? input.decisionDate ?? input.publishedDate ?? today).slice(0, 4);
  const number = slug(input.number ?? input.caseNumber ?? input.symbol ?? '') || id.slice(0, 8);
  return `/akn/${country}/${workType(input)}/${year}/${number}`;
}

/**
 * Work URIs for many new documents with two queries: a URI already taken, in the library or earlier in
 * the same batch, gets the next free suffix (-2, -3 …), looked for one by one as that is rare.
 */
async function workUris(db: Db, items: { id: string; input: DocumentInput }[], today: string): Promise<string[]> {
  const countries = [...new Set(items.flatMap(({ input }) => (input.country ? [input.country.toUpperCase()] : [])))];
  const iso2 = new Map(
    countries.length === 0
      ? []
      : (
          await db
            .select({ id: participants.id, iso2: participants.iso2 })
            .from(participants)
            .where(inArray(participants.id, countries))
        ).map((row) => [row.id, row.iso2 ?? row.id]),
  );
  const bases = items.map(({ id, input }) => baseWorkUri(input, id, today, iso2));
  const taken = new Set(
    (
      await db
        .select({ uri: libraryDocuments.uri })
        .from(libraryDocuments)
        .where(inArray(libraryDocuments.uri, [...new Set(bases)]))
    ).map((row) => row.uri),
  );
  const uris: string[] = [];
  for (const base of bases) {
    let uri = base;
    for (let n = 2; taken.has(uri); n++) {
      uri = `${base}-${n}`;
      // Suffixed URIs were not asked for above.
      if (
        !taken.has(uri) &&
        (await db.select({ id: libraryDocuments.id }).from(libraryDocuments).where(eq(libraryDocuments.uri, uri)))
          .length > 0
      )
        taken.add(uri);
    }
    taken.add(uri);
    uris.push(uri);
  }
  return uris;
}

const columnsOf = (input: DocumentInput) => ({
  kind: input.kind,
  subtype: input.subtype ?? null,
  countryId: input.country?.toUpperCase() ?? null,
  organization: input.organization ?? null,
  symbol: input.symbol ?? null,
  number: input.number ?? null,
  court: input.court ?? null,
  caseNumber: input.caseNumber ?? null,
  parties: input.parties ?? null,
  decisionDate: input.decisionDate ?? null,
  adoptedDate: input.adoptedDate ?? null,
  publishedDate: input.publishedDate ?? null,
  inForceDate: input.inForceDate ?? null,
  repealedDate: input.repealedDate ?? null,
  status: input.status ?? null,
  categories: [...new Set(input.categories)],
  themes: [...new Set(input.themes)],
  source: input.source ?? null,
  officialUrl: input.officialUrl ?? null,
  visibility: input.visibility,
});

async function replaceChildren(db: Db, documentId: string, input: DocumentInput): Promise<void> {
  await db.delete(libraryDocumentTitles).where(eq(libraryDocumentTitles.documentId, documentId));
  await db.delete(libraryInstrumentLinks).where(eq(libraryInstrumentLinks.documentId, documentId));
  await db.delete(libraryEvents).where(eq(libraryEvents.documentId, documentId));
  await insertChildren(db, [{ id: documentId, input }]);
}

/** Titles, instrument links and timeline events of documents that have none yet. */
async function insertChildren(db: Db, documents: { id: string; input: DocumentInput }[]): Promise<void> {
  const titles = documents.flatMap(({ id, input }) =>
    Object.entries(input.titles).map(([lang, title]) => ({ documentId: id, lang, title })),
  );
  await insertRows(db, libraryDocumentTitles, titles);
  const links = documents.flatMap(({ id, input }) =>
    [...new Map(input.instruments.map((link) => [`${link.instrument}|${link.article ?? ''}`, link])).values()].map(
      (link) => ({
        documentId: id,
        instrumentId: link.instrument,
        article: link.article?.trim() ?? '',
        note: link.note ?? null,
      }),
    ),
  );
  await insertRows(db, libraryInstrumentLinks, links);
  const events = documents.flatMap(({ id, input }) =>
    input.events.map((event) => ({
      documentId: id,
      type: event.type,
      date: event.date,
      byDocumentId: event.by ?? null,
      note: event.note ?? null,
    })),
  );
  await insertRows(db, libraryEvents, events);
}

/** A text prepared for storage: type checked from the bytes, text extracted, checksum taken. */
export interface PreparedFile {
  upload: Upload;
  fileType: string;
  mediaType: string;
  sha256: string;
  text: string;
}

export async function prepareUpload(deps: LibraryDeps, upload: Upload): Promise<PreparedFile> {
  if (upload.bytes.byteLength > deps.maxUploadBytes) {
    throw new AppError({
      status: 413,
      code: 'library.file_too_large',
      message: `The file is larger than the ${Math.round(deps.maxUploadBytes / 1_048_576)} MB allowed.`,
      problems: [
        {
          field: 'file',
          ...because('file_too_large', `${upload.bytes.byteLength} bytes; the limit is ${deps.maxUploadBytes}`, {
            maximum: Math.round(deps.maxUploadBytes / 1_048_576),
          }),
        },
      ],
    });
  }
  const detected = await detectFileType(upload.bytes, upload.filename);
  const text = await extractTextOffThread(
    upload.bytes,
    detected.fileType,
    deps.extraction ?? DEFAULT_EXTRACTION_LIMITS,
  );
  return { upload, fileType: detected.fileType, mediaType: detected.mediaType, sha256: sha256Hex(upload.bytes), text };
}

/**
 * Stores the original (outside the transaction: content-addressed, so a rolled-back import leaves only
 * an unused copy, which the sweep of orphaned originals removes an hour later). A copy already there
 * is written again all the same: it may be such an unused copy, old enough to be swept before this
 * transaction commits, and writing it makes it recent. (An S3 object cannot be made recent more cheaply
 * everywhere: not every S3-compatible server dates an object copied onto itself anew.)
 */
export async function storeOriginal(deps: LibraryDeps, file: PreparedFile): Promise<void> {
  await deps.files.put(storageKeyFor(file.sha256), file.upload.bytes, file.mediaType);
}

async function insertExpression(
  db: Db,
  documentId: string,
  file: PreparedFile,
  versionDate: string,
  userId: string | null,
): Promise<string> {
  const [stored] = await db
    .insert(libraryFiles)
    .values({
      sha256: file.sha256,
      size: file.upload.bytes.byteLength,
      mediaType: file.mediaType,
      fileType: file.fileType,
      filename: file.upload.filename.slice(0, 255),
      storageKey: storageKeyFor(file.sha256),
      uploadedBy: userId,
    })
    .returning({ id: libraryFiles.id });
  // A new upload for the same language and date replaces that version's text.
  const [expression] = await db
    .insert(libraryExpressions)
    .values({
      documentId,
      lang: file.upload.language,
      versionDate,
      fileId: stored!.id,
      text: file.text,
    })
    .onConflictDoUpdate({
      target: [libraryExpressions.documentId, libraryExpressions.lang, libraryExpressions.versionDate],
      set: { fileId: stored!.id, text: file.text },
    })
    .returning({ id: libraryExpressions.id });
  return expression!.id;
}

/** After any change: cross-references from the newest texts and titles, then the search entries. */
export async function refreshDerived(deps: LibraryDeps, db: Db, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const ids = sql.join(
    documentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = (await db.execute(sql`
    select document_id, text from (select distinct on (document_id, lang) document_id, text from library_expressions
      where document_id in (${ids}) order by document_id, lang, version_date desc) t
    union all select document_id, title from library_document_titles where document_id in (${ids})`)) as unknown as {
    rows: { document_id: string; text: string }[];
  };
  const texts = new Map(documentIds.map((id) => [id, [] as string[]]));
  for (const row of rows.rows) texts.get(row.document_id)?.push(row.text);
  await storeReferences(db, texts);
  await deps.search.indexDocuments(db, documentIds);
}

/** The command line acts as an administrator without a user account (the audit trail records it as `cli`). */
export const COMMAND_LINE_ACTOR: Actor = {
  kind: 'user',
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'cli',
  role: 'administrator',
  participantId: null,
  organizationId: null,
  donorId: null,
  via: 'token',
  sessionId: null,
  tokenScope: 'read-write',
};

const userIdOf = (actor: Actor) => (actor.kind === 'user' && actor !== COMMAND_LINE_ACTOR ? actor.userId : null);
const now = (deps: LibraryDeps) => deps.clock.now().toISOString();
const defaultVersionDate = (
  row: Pick<DocumentRow, 'inForceDate' | 'adoptedDate' | 'publishedDate' | 'decisionDate'>,
  today: string,
) => row.inForceDate ?? row.adoptedDate ?? row.decisionDate ?? row.publishedDate ?? today;

/** Who may create this document: staff anything; officials their own country's; partners for their organisation. */
function checkCreate(actor: Actor, input: DocumentInput): void {
  if (actor.kind === 'anonymous') throw forbidden('Sign in to add documents.');
  if (actor.role === 'member_state_official' && input.country?.toUpperCase() !== actor.participantId) {
    throw forbidden('Officials add documents of their own country only.', [
      {
        field: 'country',
        ...because('must_be_country', `must be ${actor.participantId}`, { value: actor.participantId ?? '' }),
      },
    ]);
  }
  if (actor.role === 'donor') throw forbidden('Donors cannot add library documents.');
}

export async function createDocument(
  deps: LibraryDeps,
  actor: Actor,
  context: AuditContext,
  input: DocumentInput,
  upload?: Upload,
): Promise<string> {
  checkCreate(actor, input);
  const prepared = upload ? await prepareUpload(deps, upload) : null;
  await validateInput(deps.db, input, null);
  if (prepared) await storeOriginal(deps, prepared);
  return inTransaction(deps.db, (tx) => insertDocument(deps, tx, actor, context, input, prepared));
}

/** The transactional part of creating a document. */
export async function insertDocument(
  deps: LibraryDeps,
  tx: Db,
  actor: Actor,
  context: AuditContext,
  input: DocumentInput,
  prepared: PreparedFile | null,
): Promise<string> {
  const [id] = await insertDocuments(deps, tx, actor, context, [{ input, prepared }]);
  await refreshDerived(deps, tx, [id!]);
  return id!;
}

export interface NewDocument {
  input: DocumentInput;
  prepared: PreparedFile | null;
}

/**
 * Creates many documents with a few statements, each table written once for the whole batch: the
 * bulk importer's path. The caller refreshes references and search entries (refreshDerived), once
 * for the batch.
 */
export async function insertDocuments(
  deps: LibraryDeps,
  tx: Db,
  actor: Actor,
  context: AuditContext,
  documents: NewDocument[],
): Promise<string[]> {
  if (documents.length === 0) return [];
  const at = now(deps);
  const today = at.slice(0, 10);
  const items = documents.map((document) => ({ ...document, id: crypto.randomUUID() }));
  const uris = await workUris(tx, items, today);
  const owner = actor.kind === 'user' ? actor.organizationId : null;
  const userId = userIdOf(actor);
  await insertRows(
    tx,
    libraryDocuments,
    items.map(({ id, input }, k) => ({
      id,
      uri: uris[k]!,
      ...columnsOf(input),
      ownerOrganizationId: owner,
      createdBy: userId,
      createdAt: at,
      updatedAt: at,
    })),
  );
  await insertChildren(tx, items);
  const withText = items.flatMap((item) =>
    item.prepared ? [{ ...item, prepared: item.prepared, fileId: crypto.randomUUID() }] : [],
  );
  if (withText.length > 0) {
    await insertRows(
      tx,
      libraryFiles,
      withText.map(({ prepared: file, fileId }) => ({
        id: fileId,
        sha256: file.sha256,
        size: file.upload.bytes.byteLength,
        mediaType: file.mediaType,
        fileType: file.fileType,
        filename: file.upload.filename.slice(0, 255),
        storageKey: storageKeyFor(file.sha256),
        uploadedBy: userId,
      })),
    );
    await insertRows(
      tx,
      libraryExpressions,
      withText.map(({ id, input, prepared: file, fileId }) => ({
        documentId: id,
        lang: file.upload.language,
        versionDate: file.upload.versionDate ?? defaultVersionDate(columnsOf(input), today),
        fileId,
        text: file.text,
      })),
    );
  }
  await recordAudits(
    tx,
    context,
    items.map(({ id, input, prepared }, k) => ({
      action: 'library.document.create',
      entityType: 'library_document',
      entityId: id,
      after: {
        uri: uris[k],
        ...input,
        file: prepared ? { sha256: prepared.sha256, filename: prepared.upload.filename } : null,
      },
    })),
    at,
  );
  return items.map((item) => item.id);
}

async function editableDocument(db: Db, actor: Actor, id: string): Promise<DocumentRow> {
  const row = await readableDocument(db, actor, id);
  if (!canEditDocument(actor, row)) throw forbidden('You may not edit this document.');
  return row;
}

export async function updateDocument(
  deps: LibraryDeps,
  actor: Actor,
  context: AuditContext,
  id: string,
  input: DocumentInput,
): Promise<void> {
  const before = await editableDocument(deps.db, actor, id);
  if (
    actor.kind === 'user' &&
    actor.role === 'member_state_official' &&
    input.country?.toUpperCase() !== actor.participantId
  ) {
    throw forbidden('Officials keep documents in their own country.', [
      {
        field: 'country',
        ...because('must_be_country', `must be ${actor.participantId}`, { value: actor.participantId ?? '' }),
      },
    ]);
  }
  await validateInput(deps.db, input, id);
  await inTransaction(deps.db, async (tx) => {
    const at = now(deps);
    await tx
      .update(libraryDocuments)
      .set({ ...columnsOf(input), updatedAt: at })
      .where(eq(libraryDocuments.id, id));
    await replaceChildren(tx, id, input);
    await refreshDerived(deps, tx, [id]);
    await recordAudit(
      tx,
      context,
      { action: 'library.document.update', entityType: 'library_document', entityId: id, before, after: input },
      at,
    );
  });
}

/** Adds a language version or a new point-in-time version of the text, from an uploaded file. */
export async function addVersion(
  deps: LibraryDeps,
  actor: Actor,
  context: AuditContext,
  id: string,
  upload: Upload,
): Promise<string> {
  const row = await editableDocument(deps.db, actor, id);
  const prepared = await prepareUpload(deps, upload);
  await storeOriginal(deps, prepared);
  return inTransaction(deps.db, async (tx) => {
    const at = now(deps);
    const versionDate = upload.versionDate ?? defaultVersionDate(row, at.slice(0, 10));
    const expressionId = await insertExpression(tx, id, prepared, versionDate, userIdOf(actor));
    await tx.update(libraryDocuments).set({ updatedAt: at }).where(eq(libraryDocuments.id, id));
    await refreshDerived(deps, tx, [id]);
    await recordAudit(
      tx,
      context,
      {
        action: 'library.version.add',
        entityType: 'library_document',
        entityId: id,
        after: { language: upload.language, versionDate, filename: upload.filename, sha256: prepared.sha256 },
      },
      at,
    );
    return expressionId;
  });
}

/** Soft delete: the record, its files and its history stay; it leaves search, lists and feeds. */
export async function deleteDocument(
  deps: LibraryDeps,
  actor: Actor,
  context: AuditContext,
  id: string,
): Promise<void> {
  const before = await editableDocument(deps.db, actor, id);
  await inTransaction(deps.db, async (tx) => {
    const at = now(deps);
    await tx.update(libraryDocuments).set({ deletedAt: at, updatedAt: at }).where(eq(libraryDocuments.id, id));
    await deps.search.indexDocuments(tx, [id]);
    await recordAudit(
      tx,
      context,
      { action: 'library.document.delete', entityType: 'library_document', entityId: id, before },
      at,
    );
  });
}
