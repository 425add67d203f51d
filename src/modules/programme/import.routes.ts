import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../contracts/common.ts';
import { AppError, badRequest, because, issueReason } from '../../lib/errors.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import {
  findMapping,
  IMPORT_FIELDS,
  importActivities,
  listMappings,
  saveMapping,
  type ColumnMapping,
} from './activities.import.ts';
import type { ProgrammeDeps } from './programme.shared.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema };
const mappingSchema = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(200))
  .describe('Field → column header of the spreadsheet');
const savedMappingSchema = z.object({
  id: z.string(),
  name: z.string(),
  mapping: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});
const reportSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      code: z.string(),
      action: z.enum(['created', 'updated', 'unchanged']),
      id: z.string().nullable(),
    }),
  ),
});

/** The form the import page and `curl -F` send: the file, and optionally a mapping (JSON or a saved one's id). */
async function readImportForm(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new AppError({
      status: 415,
      code: 'programme.multipart_expected',
      message: 'Send the spreadsheet as multipart/form-data.',
    });
  const fields: Record<string, string> = {};
  let file: { filename: string; bytes: Uint8Array } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file')
        file = { filename: part.filename || 'activities.csv', bytes: new Uint8Array(await part.toBuffer()) };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError({
        status: 413,
        code: 'programme.file_too_large',
        message: 'The file is larger than the size allowed.',
        problems: [{ field: 'file', ...because('file_over_limit', 'over the configured limit') }],
      });
    }
    throw error;
  }
  if (!file || file.bytes.length === 0)
    throw badRequest('validation_failed', 'Choose a CSV or XLSX file.', [
      { field: 'file', ...(file ? because('file_empty', 'is empty') : because('file_required', 'is required')) },
    ]);
  let mapping: ColumnMapping = {};
  if (fields.mapping) {
    let raw: unknown;
    try {
      raw = JSON.parse(fields.mapping);
    } catch {
      throw badRequest('validation_failed', 'The mapping must be JSON.', [
        { field: 'mapping', ...because('not_json', 'is not JSON') },
      ]);
    }
    const parsed = mappingSchema.safeParse(raw);
    if (!parsed.success)
      throw badRequest(
        'validation_failed',
        'The mapping is not valid.',
        parsed.error.issues.map((i) => ({ field: ['mapping', ...i.path.map(String)].join('.'), ...issueReason(i) })),
      );
    mapping = parsed.data;
  }
  return { file, fields, mapping };
}

/**
 * Bulk import of activities (CSV or XLSX), all or nothing, with saved column mappings.
 * Multipart parsing comes from the plugin the library registers on the same API scope.
 */
export async function importRoutes(app: FastifyInstance, deps: ProgrammeDeps & { maxExtractedBytes: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const write = { policy: 'programme.write' as const };
  const tags = ['programme'];

  api.post(
    '/programme/activities/import',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Import activities from CSV or XLSX (multipart: file, mapping JSON or mappingId, dryRun, saveMappingAs); rows whose code matches update, others create; all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: reportSchema, 409: problemSchema, ...problems },
      },
    },
    async (request) => {
      const { file, fields, mapping: given } = await readImportForm(request);
      const mapping = fields.mappingId
        ? { ...(await findMapping(deps.db, request.actor, fields.mappingId)), ...given }
        : given;
      const report = await importActivities(deps, request.actor, request.auditContext, {
        bytes: file.bytes,
        filename: file.filename,
        maxExtractedBytes: deps.maxExtractedBytes,
        mapping,
        dryRun: fields.dryRun === 'true',
        lang: requestLanguage(request),
      });
      const name = fields.saveMappingAs?.trim();
      if (name && !report.dryRun)
        await saveMapping(deps, request.actor, request.auditContext, name.slice(0, 200), mapping);
      return report;
    },
  );

  api.get(
    '/programme/import/mappings',
    {
      config: write,
      schema: {
        tags,
        summary: 'Column mappings saved by your organization',
        response: { 200: z.object({ items: z.array(savedMappingSchema), fields: z.array(z.string()) }), ...problems },
      },
    },
    async (request) => ({ items: await listMappings(deps.db, request.actor), fields: [...IMPORT_FIELDS] }),
  );

  api.post(
    '/programme/import/mappings',
    {
      config: write,
      schema: {
        tags,
        summary: 'Save a column mapping under a name (replacing one of the same name)',
        body: z.object({ name: z.string().trim().min(1).max(200), mapping: mappingSchema }),
        response: { 201: savedMappingSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await saveMapping(deps, request.actor, request.auditContext, request.body.name, request.body.mapping)),
  );
}
