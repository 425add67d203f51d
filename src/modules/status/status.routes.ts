import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '../../contracts/languages.ts';
import { formatParam, langParam, problemSchema } from '../../contracts/common.ts';
import {
  basisParam,
  changesPageSchema,
  compareSchema,
  countryStatusSchema,
  matrixSchema,
  overviewSchema,
  partiesSchema,
  setParam,
  snapshotSchema,
  timelineSchema,
} from '../../contracts/status.ts';
import type { Db } from '../../db/client.ts';
import { isIsoDate, today, type Clock } from '../../lib/dates.ts';
import { badRequest, because } from '../../lib/errors.ts';
import { sendSheet } from '../../server/plugins/export.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import type { DatasetCache } from './status.dataset.ts';
import { listChanges, listSnapshots } from './status.repository.ts';
import {
  compareDates,
  countryStatus,
  instrumentLabel,
  nameIn,
  overview,
  partiesAsOf,
  partiesOverTime,
  requireInstrument,
  requireParticipant,
  statusMatrix,
  toSetChoice,
} from './status.service.ts';
import { changesFeed } from './status.feed.ts';
import { compareSheet, matrixSheet, partiesSheet } from './status.sheets.ts';
import { coded } from '../../contracts/reasons.ts';

const dateParam = (description: string) =>
  z
    .string()
    .refine(isIsoDate, coded('invalid_date', 'must be a real date written as YYYY-MM-DD'))
    .optional()
    .describe(description);

const serialised = new WeakMap<object, string>();
/** JSON text of a memoised answer, computed once: memoised answers are never mutated. */
function serialisedOnce(value: object): string {
  let text = serialised.get(value);
  if (text === undefined) serialised.set(value, (text = JSON.stringify(value)));
  return text;
}

export async function statusRoutes(
  app: FastifyInstance,
  { cache, db, clock }: { cache: DatasetCache; db: Db; clock: Clock },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/instruments/:id/parties',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Parties to an instrument as of a date',
        params: z.object({ id: z.string().describe('Instrument id') }),
        querystring: z.object({
          asOf: dateParam('Date of the status (default: today)'),
          basis: basisParam,
          lang: langParam,
          format: formatParam,
        }),
        response: { 200: partiesSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const dataset = await cache.get();
      const { basis, format } = request.query;
      const lang = requestLanguage(request, request.query.lang);
      const result = partiesAsOf({
        dataset,
        instrumentId: request.params.id,
        asOf: request.query.asOf ?? today(clock),
        basis,
        lang,
      });
      // The busiest read: its answer is serialised once per dataset version and sent as is (the schema still documents it).
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(serialisedOnce(result) as never);
      return sendSheet(
        reply,
        format,
        `${result.instrument}-parties-${result.asOf}`,
        partiesSheet(dataset, result, lang),
      );
    },
  );

  api.get(
    '/instruments/:id/timeline',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Cumulative parties and signatories at the end of each year',
        params: z.object({ id: z.string().describe('Instrument id') }),
        querystring: z.object({ basis: basisParam }),
        response: { 200: timelineSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      return partiesOverTime({
        dataset,
        instrumentId: request.params.id,
        basis: request.query.basis,
        untilYear: Number(today(clock).slice(0, 4)),
      });
    },
  );

  api.get(
    '/participants/:code/status',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: "A participant's status for every instrument of a set, with its gaps",
        params: z.object({ code: z.string().describe('ISO 3166-1 alpha-3 code, or EUU') }),
        querystring: z.object({
          asOf: dateParam('Date of the status (default: today)'),
          set: setParam,
          basis: basisParam,
          lang: langParam,
        }),
        response: { 200: countryStatusSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      const lang = requestLanguage(request, request.query.lang);
      return countryStatus({
        dataset,
        code: request.params.code,
        asOf: request.query.asOf ?? today(clock),
        set: toSetChoice(request.query.set),
        basis: request.query.basis,
        lang,
      });
    },
  );

  api.get(
    '/status/compare',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Parties at one date and new parties by another, per instrument (the annual report table)',
        querystring: z.object({
          from: z
            .string()
            .refine(isIsoDate, coded('invalid_date', 'must be a real date written as YYYY-MM-DD'))
            .describe('First date'),
          to: dateParam('Second date (default: today)'),
          set: setParam,
          basis: basisParam,
          lang: langParam,
          format: formatParam,
        }),
        response: { 200: compareSchema, 400: problemSchema },
      },
    },
    async (request, reply) => {
      const dataset = await cache.get();
      const { from, set, basis, format } = request.query;
      const to = request.query.to ?? today(clock);
      if (from > to)
        throw badRequest('status.dates_reversed', 'from must be on or before to', [
          { field: 'from', ...because('after_end_date', `${from} is after ${to}`, { from, to }) },
        ]);
      const result = compareDates({ dataset, from, to, set: toSetChoice(set), basis });
      if (format === 'json') return result;
      const lang = requestLanguage(request, request.query.lang);
      return sendSheet(reply, format, `compare-${from}-${to}`, compareSheet(dataset, result, lang));
    },
  );

  api.get(
    '/status/matrix',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Participants × instruments as of a date',
        querystring: z.object({
          asOf: dateParam('Date of the status (default: today)'),
          set: setParam,
          basis: basisParam,
          lang: langParam,
          format: formatParam,
          region: z
            .string()
            .regex(/^\d{3}$/, 'must be a three-digit UN M49 code')
            .optional()
            .describe('UN M49 region, sub-region or intermediate region'),
        }),
        response: { 200: matrixSchema, 400: problemSchema },
      },
    },
    async (request, reply) => {
      const dataset = await cache.get();
      const lang = requestLanguage(request, request.query.lang);
      const { set, basis, format, region } = request.query;
      if (region && !dataset.regions.some((r) => r.m49 === region)) {
        throw badRequest('status.unknown_region', `no region has the M49 code ${region}`, [
          { field: 'region', ...because('unknown_region', `unknown M49 region code ${region}`, { value: region }) },
        ]);
      }
      const result = statusMatrix({
        dataset,
        asOf: request.query.asOf ?? today(clock),
        set: toSetChoice(set),
        basis,
        region,
        lang,
      });
      if (format === 'json') return result;
      return sendSheet(reply, format, `status-matrix-${result.asOf}`, matrixSheet(dataset, result, lang));
    },
  );

  api.get(
    '/status/overview',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Headline figures and instruments per participant for the world map',
        querystring: z.object({
          asOf: dateParam('Date of the status (default: today)'),
          set: setParam,
          basis: basisParam,
        }),
        response: { 200: overviewSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      return overview({
        dataset,
        asOf: request.query.asOf ?? today(clock),
        set: toSetChoice(request.query.set),
        basis: request.query.basis,
      });
    },
  );

  const changesQuery = z.object({
    instrument: z.string().optional().describe('Only changes to this instrument'),
    participant: z.string().optional().describe('Only changes for this participant (ISO3)'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size (1-500)'),
    cursor: z
      .string()
      .regex(/^\d+$/, 'must be a cursor returned by a previous page')
      .optional()
      .describe('nextCursor of the previous page'),
    lang: langParam,
  });

  const readChanges = async (query: z.infer<typeof changesQuery>, lang: Language) => {
    const dataset = await cache.get();
    if (query.instrument) requireInstrument(dataset, query.instrument);
    const participantId = query.participant ? requireParticipant(dataset, query.participant).id : undefined;
    const rows = await listChanges(db, {
      instrumentId: query.instrument,
      participantId,
      before: query.cursor ? Number(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      dataset,
      items: page.map(({ change, asOf }) => ({
        id: change.id,
        snapshot: change.snapshotId,
        snapshotAsOf: asOf,
        detectedAt: new Date(change.detectedAt).toISOString(),
        instrument: change.instrumentId,
        participant: change.participantId,
        participantName: nameIn(dataset.participantsById.get(change.participantId)?.names ?? {}, lang),
        change: change.change as 'added' | 'corrected' | 'missing_from_source' | 'reappeared',
        before: change.before as Record<string, unknown> | null,
        after: change.after as Record<string, unknown> | null,
      })),
      nextCursor: rows.length > query.limit ? String(page.at(-1)!.change.id) : null,
    };
  };

  api.get(
    '/status/changes',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'What imports of newer depositary snapshots changed, newest first',
        querystring: changesQuery,
        response: { 200: changesPageSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { items, nextCursor } = await readChanges(request.query, requestLanguage(request, request.query.lang));
      return { items, nextCursor };
    },
  );

  api.get(
    '/status/changes.atom',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Atom feed of status changes, per instrument and per country',
        querystring: changesQuery,
        produces: ['application/atom+xml'],
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request, request.query.lang);
      const { items, dataset } = await readChanges(request.query, lang);
      const base = `${request.protocol}://${request.host}`;
      const xml = changesFeed({
        items,
        base,
        query: request.url,
        lang,
        instrumentLabel: (id) => instrumentLabel(dataset, id, lang),
        updated: items[0]?.detectedAt ?? clock.now().toISOString(),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  );

  api.get(
    '/status/snapshots',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['status'],
        summary: 'Depositary snapshots imported, newest first, with the checksum of each file',
        response: { 200: z.object({ items: z.array(snapshotSchema) }) },
      },
    },
    async () => ({
      items: (await listSnapshots(db)).map((s) => ({ ...s, importedAt: new Date(s.importedAt).toISOString() })),
    }),
  );
}
