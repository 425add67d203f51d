import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES, isLanguage } from '../../contracts/languages.ts';
import {
  dateInput,
  documentInputSchema,
  documentSchema,
  searchParamsSchema,
  searchResponseSchema,
  versionTextSchema,
  type DocumentInput,
} from '../../contracts/library.ts';
import { problemSchema } from '../../contracts/common.ts';
import { today } from '../../lib/dates.ts';
import { AppError, badRequest, because, issueReason } from '../../lib/errors.ts';
import { sendSheet } from '../../server/plugins/export.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import { toAkomaNtoso } from './akn/akoma-ntoso.ts';
import {
  addVersion,
  createDocument,
  deleteDocument,
  updateDocument,
  type LibraryDeps,
  type Upload,
} from './library.documents.ts';
import { documentsFeed } from './library.feed.ts';
import { citingDocuments, expressionText, getDocument, originalFile, recentDocuments } from './library.read.ts';
import { REFERENCE_KINDS } from './library.references.ts';
import { searchLibrary } from './library.search.ts';
import { versionText } from './library.text.ts';

const idParam = z.object({ id: z.string().uuid('must be an id (UUID)').describe('Document id (UUID)') });
const langQuery = z.enum(LANGUAGES).optional().describe('Language of titles and names');
const summarySchema = z.object({
  id: z.string(),
  uri: z.string(),
  title: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
  countryName: z.string().nullable(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
const denied = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const fileProblems = { 413: problemSchema, 415: problemSchema, 422: problemSchema };

/** A multipart form as the upload forms and `curl -F` send it: fields, and at most one file. */
async function readForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: { filename: string; bytes: Uint8Array } | null }> {
  if (!request.isMultipart())
    throw new AppError({
      status: 415,
      code: 'library.multipart_expected',
      message: 'Send the file as multipart/form-data.',
    });
  const fields: Record<string, string> = {};
  let file: { filename: string; bytes: Uint8Array } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (file)
          throw badRequest('library.one_file', 'Send one file per request.', [
            { field: 'file', ...because('one_file_only', 'only one file is accepted') },
          ]);
        file = { filename: part.filename || 'file', bytes: new Uint8Array(await part.toBuffer()) };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError({
        status: 413,
        code: 'library.file_too_large',
        message: 'The file is larger than the size allowed.',
        problems: [{ field: 'file', ...because('file_over_limit', 'over the configured limit') }],
      });
    }
    throw error;
  }
  return { fields, file };
}

function uploadFrom(form: Awaited<ReturnType<typeof readForm>>, required: boolean): Upload | undefined {
  const { fields, file } = form;
  if (!file) {
    if (required)
      throw badRequest('validation_failed', 'A file is required.', [
        { field: 'file', ...because('file_required', 'is required') },
      ]);
    return undefined;
  }
  if (!isLanguage(fields.language))
    throw badRequest('validation_failed', 'Say which language the file is in.', [
      {
        field: 'language',
        ...because('one_of', `must be one of ${LANGUAGES.join(', ')}`, { values: LANGUAGES.join(', '), each: 'false' }),
      },
    ]);
  const versionDate = fields.versionDate ? dateInput.safeParse(fields.versionDate) : null;
  if (versionDate && !versionDate.success)
    throw badRequest('validation_failed', 'The version date is not valid.', [
      {
        field: 'versionDate',
        reason: 'must be a real date written as YYYY-MM-DD',
        code: 'invalid_date',
      },
    ]);
  return {
    bytes: file.bytes,
    filename: file.filename,
    language: fields.language,
    versionDate: versionDate?.data ?? null,
  };
}

function parseMetadata(text: string | undefined): DocumentInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '');
  } catch {
    throw badRequest('validation_failed', 'The metadata field must hold the document as JSON.', [
      { field: 'metadata', ...because('not_json', 'is not JSON') },
    ]);
  }
  const parsed = documentInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw badRequest(
      'validation_failed',
      'Some fields are not valid.',
      parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), ...issueReason(issue) })),
    );
  }
  return parsed.data;
}

/** The legal library: search, documents with their versions and files, cross-references, exports, feed. */
export async function libraryRoutes(app: FastifyInstance, deps: LibraryDeps & { publicUrl: string }) {
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 20, fieldSize: 1_048_576 },
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { policy: 'library.read' as const };
  const write = { policy: 'library.write' as const };

  api.get(
    '/library/search',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary:
          'Full-text search in the six languages, with filters and facet counts; format=csv|xlsx downloads the results',
        querystring: searchParamsSchema.extend({
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
          hl: langQuery,
        }),
        response: {
          200: searchResponseSchema.extend({
            fuzzy: z.boolean().describe('Results come from typo-tolerant matching of titles and country names'),
          }),
          ...denied,
        },
      },
    },
    async (request, reply) => {
      const { format, hl, ...params } = request.query;
      const lang = requestLanguage(request, hl);
      if (format === 'json') return searchLibrary(deps, request.actor, params, lang);
      const all = await searchLibrary(deps, request.actor, { ...params, page: 1, pageSize: 100 }, lang);
      const rows = [...all.results];
      for (let page = 2; rows.length < Math.min(all.total, 1000); page++) {
        rows.push(...(await searchLibrary(deps, request.actor, { ...params, page, pageSize: 100 }, lang)).results);
      }
      return sendSheet(reply, format, `library-search-${today(deps.clock)}`, {
        name: 'library',
        header: ['id', 'title', 'kind', 'country', 'country_name', 'language', 'date', 'score', 'snippet', 'url'],
        rows: rows.map((r) => [
          r.id,
          r.title,
          r.kind,
          r.country,
          r.countryName,
          r.language,
          r.date,
          r.score,
          r.snippet.replace(/\[\[|\]\]/g, ''),
          `${deps.publicUrl}/library/${r.id}`,
        ]),
      });
    },
  );

  api.get(
    '/library/documents/:id',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary:
          'A document with its versions, timeline, instrument links and cross-references; asAt chooses the version in force',
        params: idParam,
        querystring: z.object({
          lang: langQuery,
          asAt: dateInput.optional().describe('Show the version in force on this date (default today)'),
        }),
        response: { 200: documentSchema, ...denied },
      },
    },
    async (request) =>
      getDocument(
        deps,
        request.actor,
        request.params.id,
        requestLanguage(request, request.query.lang),
        request.query.asAt ?? today(deps.clock),
      ),
  );

  api.get(
    '/library/documents/:id/versions/:versionId/text',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary:
          'The extracted text of one version, and Markdown and HTML originals as sanitised HTML with their headings',
        params: idParam.extend({ versionId: z.string().uuid() }),
        response: { 200: versionTextSchema, ...denied },
      },
    },
    async (request) => versionText(deps, request.actor, request.params.id, request.params.versionId),
  );

  api.get(
    '/library/documents/:id/files/:fileId',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'Download the original file as uploaded',
        params: idParam.extend({ fileId: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const file = await originalFile(deps, request.actor, request.params.id, request.params.fileId);
      const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      // Always an attachment: an uploaded HTML file must never run as a page of this site.
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-checksum-sha256', file.sha256)
        .type(file.mediaType)
        .send(Buffer.from(file.bytes));
    },
  );

  api.get(
    '/library/documents/:id/akn',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'The document as Akoma Ntoso 3.0 XML (the version in force on asAt, in lang when available)',
        params: idParam,
        querystring: z.object({ lang: langQuery, asAt: dateInput.optional() }),
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request, request.query.lang);
      const document = await getDocument(
        deps,
        request.actor,
        request.params.id,
        lang,
        request.query.asAt ?? today(deps.clock),
      );
      const version = document.current.find((e) => e.language === lang) ?? document.current[0];
      const text = version ? await expressionText(deps, request.actor, document.id, version.id) : null;
      const xml = toAkomaNtoso(document, text ? { language: text.language, content: text.text } : null, {
        publisher: 'Lexpact',
        generatedAt: deps.clock.now().toISOString(),
      });
      return reply
        .type('application/akn+xml; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${document.uri.replace(/^\/akn\//, '').replace(/[^A-Za-z0-9]+/g, '-')}.xml"`,
        )
        .send(xml);
    },
  );

  api.get(
    '/library/documents/:id/export.json',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'The document and the text of its versions in force, as one JSON file',
        params: idParam,
        querystring: z.object({ lang: langQuery, asAt: dateInput.optional() }),
      },
    },
    async (request, reply) => {
      const document = await getDocument(
        deps,
        request.actor,
        request.params.id,
        requestLanguage(request, request.query.lang),
        request.query.asAt ?? today(deps.clock),
      );
      const texts = await Promise.all(
        document.current.map((e) => expressionText(deps, request.actor, document.id, e.id)),
      );
      const { canEdit: _, ...rest } = document;
      return reply
        .header('content-disposition', `attachment; filename="document-${document.id}.json"`)
        .send({ ...rest, texts });
    },
  );

  api.post(
    '/library/documents',
    {
      config: write,
      schema: {
        tags: ['library'],
        summary:
          'Add a document: JSON metadata, or multipart/form-data with `metadata` (JSON), `file`, `language` and optional `versionDate`',
        response: { 201: z.object({ id: z.string(), uri: z.string() }), ...denied, ...fileProblems },
      },
    },
    async (request, reply) => {
      let input: DocumentInput;
      let upload: Upload | undefined;
      if (request.isMultipart()) {
        const form = await readForm(request);
        input = parseMetadata(form.fields.metadata);
        upload = uploadFrom(form, false);
      } else {
        input = parseMetadata(JSON.stringify(request.body ?? null));
      }
      const id = await createDocument(deps, request.actor, request.auditContext, input, upload);
      const document = await getDocument(deps, request.actor, id, 'en', today(deps.clock));
      return reply.code(201).header('location', `/api/v1/library/documents/${id}`).send({ id, uri: document.uri });
    },
  );

  api.put(
    '/library/documents/:id',
    {
      config: write,
      schema: {
        tags: ['library'],
        summary: "Change a document's metadata, links and timeline",
        params: idParam,
        body: documentInputSchema,
        response: { 200: documentSchema, ...denied },
      },
    },
    async (request) => {
      await updateDocument(deps, request.actor, request.auditContext, request.params.id, request.body);
      return getDocument(deps, request.actor, request.params.id, requestLanguage(request), today(deps.clock));
    },
  );

  api.post(
    '/library/documents/:id/versions',
    {
      config: write,
      schema: {
        tags: ['library'],
        summary:
          'Upload a text: multipart/form-data with `file`, `language` and optional `versionDate` (a new language or a new version in time)',
        params: idParam,
        response: { 201: z.object({ id: z.string() }), ...denied, ...fileProblems },
      },
    },
    async (request, reply) => {
      const upload = uploadFrom(await readForm(request), true)!;
      return reply
        .code(201)
        .send({ id: await addVersion(deps, request.actor, request.auditContext, request.params.id, upload) });
    },
  );

  api.delete(
    '/library/documents/:id',
    {
      config: write,
      schema: {
        tags: ['library'],
        summary: 'Delete a document (kept in the audit trail and restorable by administrators)',
        params: idParam,
        response: { 204: z.null(), ...denied },
      },
    },
    async (request, reply) => {
      await deleteDocument(deps, request.actor, request.auditContext, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/library/citing',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'Documents that cite an instrument, a country, a resolution or a UN document symbol',
        querystring: z.object({
          kind: z.enum(REFERENCE_KINDS),
          value: z.string().min(1).max(200).describe('Instrument id, ISO3, A/RES/60/288, S/RES/1373 (2001), a symbol'),
          lang: langQuery,
        }),
        response: { 200: z.object({ items: z.array(summarySchema) }), ...denied },
      },
    },
    async (request) => {
      const value = request.query.kind === 'country' ? request.query.value.toUpperCase() : request.query.value;
      return {
        items: await citingDocuments(
          deps,
          request.actor,
          request.query.kind,
          value,
          requestLanguage(request, request.query.lang),
        ),
      };
    },
  );

  api.get(
    '/library/recent',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'Newest and most recently updated documents, filterable by country and instrument',
        querystring: z.object({
          country: z.string().max(3).optional(),
          instrument: z.string().max(40).optional(),
          lang: langQuery,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(summarySchema) }), ...denied },
      },
    },
    async (request) => ({
      items: await recentDocuments(
        deps,
        request.actor,
        request.query,
        requestLanguage(request, request.query.lang),
        request.query.limit,
      ),
    }),
  );

  api.get(
    '/library/feed.atom',
    {
      config: read,
      schema: {
        tags: ['library'],
        summary: 'Atom feed of new and updated documents, filterable by country and instrument',
        querystring: z.object({
          country: z.string().max(3).optional(),
          instrument: z.string().max(40).optional(),
          lang: langQuery,
        }),
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request, request.query.lang);
      const items = await recentDocuments(deps, request.actor, request.query, lang);
      const query = new URLSearchParams(
        Object.entries(request.query).filter(([, v]) => v) as [string, string][],
      ).toString();
      const feed = documentsFeed({
        items,
        base: deps.publicUrl,
        self: `${deps.publicUrl}/api/v1/library/feed.atom${query ? `?${query}` : ''}`,
        lang,
        updated: items[0]?.updatedAt ?? deps.clock.now().toISOString(),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    },
  );
}
