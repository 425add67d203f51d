import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../contracts/languages.ts';
import {
  ACTIVITY_TYPES,
  activityDetailSchema,
  activityFilterSchema,
  activityInputSchema,
  activitySchema,
  cohortQuerySchema,
  cohortSchema,
  indicatorScopeSchema,
  indicatorsSchema,
  matrixQuerySchema,
  matrixSchema,
  optionsSchema,
  outcomeInputSchema,
  overlapQuerySchema,
  overlapSchema,
} from '../../contracts/programme.ts';
import { problemSchema } from '../../contracts/common.ts';
import { today } from '../../lib/dates.ts';
import { badRequest, because } from '../../lib/errors.ts';
import { sendSheet, sendWorkbook } from '../../server/plugins/export.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import { organizationChoices } from '../accounts/organizations.service.ts';
import { fundingScopeOf, type Actor } from '../accounts/policy.ts';
import type { Mailer } from '../accounts/mail.ts';
import type { DatasetCache } from '../status/status.dataset.ts';
import {
  ACTIVITY_SORTS,
  countryActivities,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.service.ts';
import { currenciesWithRates, listDonors, listProjects } from './funding.service.ts';
import type { ProgrammeDeps } from './programme.shared.ts';
import { cohort, indicators } from './indicators.ts';
import { cohortSheet, indicatorsSheet } from './indicators.sheets.ts';
import { activityMatrix } from './matrix.ts';
import { matrixWorkbook } from './matrix.export.ts';
import { createOutcome, listOutcomes } from './outcomes.ts';
import { findOverlaps, overlapsOf } from './overlaps.ts';

const idParam = z.object({ id: z.string().uuid('must be an id (UUID)') });
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const lang = z.enum(LANGUAGES).optional().describe('Language of names');
const sheetFormat = z.enum(['json', 'csv', 'xlsx']).default('json');

/** Activities, overlaps, the monthly matrix, outcomes and indicators. */
export async function programmeRoutes(
  app: FastifyInstance,
  deps: ProgrammeDeps & { cache: DatasetCache; overlapWindowDays: number; mailer: Mailer; publicUrl: string },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { policy: 'programme.read' as const };
  const write = { policy: 'programme.write' as const };
  const tags = ['programme'];
  const writeDeps = {
    ...deps,
    overlapMail: { mailer: deps.mailer, publicUrl: deps.publicUrl, windowDays: deps.overlapWindowDays },
  };
  const detail = async (actor: Actor, id: string, language: Language) => {
    const activity = await getActivity(deps.db, actor, id, language);
    return {
      ...activity,
      overlaps: await overlapsOf(deps.db, activity, deps.overlapWindowDays, fundingScopeOf(actor)),
    };
  };

  api.get(
    '/programme/options',
    {
      config: read,
      schema: {
        tags,
        summary: 'Organizations, projects, donors and currencies to choose from in the forms',
        querystring: z.object({ lang }),
        response: { 200: optionsSchema, ...problems },
      },
    },
    async (request) => {
      const language = requestLanguage(request, request.query.lang);
      const scope = fundingScopeOf(request.actor);
      const [orgs, projectList, donorList, currencies] = await Promise.all([
        organizationChoices({ db: deps.db }),
        listProjects(deps.db, { limit: 1000, offset: 0 }, scope),
        listDonors(deps.db, language, scope),
        currenciesWithRates(deps.db),
      ]);
      return {
        organizations: orgs,
        projects: projectList.items.map((p) => ({ id: p.id, code: p.code, title: p.title })),
        donors: donorList.map((d) => ({ id: d.id, name: d.name })),
        currencies,
      };
    },
  );

  api.get(
    '/programme/activities',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Activities, filtered and sorted; format=csv|xlsx downloads them (up to 10,000); a donor user sees those of the projects it funded or that name it among their donors',
        querystring: activityFilterSchema.extend({
          sort: z.enum(Object.keys(ACTIVITY_SORTS) as [keyof typeof ACTIVITY_SORTS]).default('-startDate'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          format: sheetFormat,
          lang,
        }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(activitySchema) }), ...problems },
      },
    },
    async (request, reply) => {
      const { format, lang: l, ...filter } = request.query;
      const language = requestLanguage(request, l);
      if (format === 'json') return listActivities(deps.db, request.actor, filter, language);
      const all = await listActivities(deps.db, request.actor, { ...filter, limit: 10_000, offset: 0 }, language);
      return sendSheet(reply, format, `activities-${today(deps.clock)}`, {
        name: 'activities',
        header: [
          'id',
          'code',
          'title',
          'type',
          'status',
          'start_date',
          'end_date',
          'online',
          'venue_city',
          'venue_country',
          'countries',
          'organiser',
          'partners',
          'themes',
          'instruments',
          'project',
          'participants_total',
          'participants_women',
          'participants_men',
          'participants_not_recorded',
        ],
        rows: all.items.map((a) => [
          a.id,
          a.code,
          a.title,
          a.type,
          a.status,
          a.startDate,
          a.endDate,
          a.online ? 'yes' : 'no',
          a.venueCity,
          a.venueCountry,
          a.countries.map((c) => c.id).join('; '),
          a.organizationName,
          a.partners.join('; '),
          a.themes.join('; '),
          a.instruments.join('; '),
          a.projectCode,
          a.participants?.total,
          a.participants?.women,
          a.participants?.men,
          a.participants?.notRecorded,
        ]),
      });
    },
  );

  api.get(
    '/programme/activities/:id',
    {
      config: read,
      schema: {
        tags,
        summary:
          "One activity, with the other organizations' activities close to it; one a donor user did not fund is not found (404)",
        params: idParam,
        querystring: z.object({ lang }),
        response: { 200: activityDetailSchema, ...problems },
      },
    },
    async (request) => detail(request.actor, request.params.id, requestLanguage(request, request.query.lang)),
  );

  api.post(
    '/programme/activities',
    {
      config: write,
      schema: {
        tags,
        summary: "Record an activity; the answer lists other organizations' activities close to it",
        body: activityInputSchema,
        response: { 201: activityDetailSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { id } = await createActivity(writeDeps, request.actor, request.auditContext, request.body);
      return reply.code(201).send(await detail(request.actor, id, requestLanguage(request)));
    },
  );

  api.put(
    '/programme/activities/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an activity (dates, status…); the answer lists activities close to it',
        params: idParam,
        body: activityInputSchema,
        response: { 200: activityDetailSchema, ...problems },
      },
    },
    async (request) => {
      await updateActivity(writeDeps, request.actor, request.auditContext, request.params.id, request.body);
      return detail(request.actor, request.params.id, requestLanguage(request));
    },
  );

  api.delete(
    '/programme/activities/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete an activity (kept in the audit trail)',
        params: idParam,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteActivity(deps, request.actor, request.auditContext, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/programme/activities/overlaps',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Other organizations' activities for the same countries, within the window of these dates, on a shared theme",
        body: overlapQuerySchema,
        response: { 200: z.object({ windowDays: z.number().int(), overlaps: z.array(overlapSchema) }), ...problems },
      },
    },
    async (request) => {
      if (request.body.endDate < request.body.startDate)
        throw badRequest('validation_failed', 'Some fields are not valid.', [
          {
            field: 'endDate',
            reason: 'must be on or after the start date',
            code: 'before_start_date',
          },
        ]);
      const windowDays = request.body.windowDays ?? deps.overlapWindowDays;
      return {
        windowDays,
        overlaps: await findOverlaps(deps.db, { ...request.body, windowDays, scope: fundingScopeOf(request.actor) }),
      };
    },
  );

  api.get(
    '/programme/countries/:code/activities',
    {
      config: read,
      schema: {
        tags,
        summary: "A country's activity history, newest first",
        params: z.object({ code: z.string().regex(/^[A-Za-z]{3}$/) }),
        querystring: z.object({ lang }),
        response: { 200: z.object({ items: z.array(activitySchema) }), ...problems },
      },
    },
    async (request) => ({
      items: await countryActivities(
        deps.db,
        request.actor,
        request.params.code.toUpperCase(),
        requestLanguage(request, request.query.lang),
      ),
    }),
  );

  api.get(
    '/programme/matrix',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Monthly matrix: beneficiary countries by region × months (at most 36; by default the 12 months from this one); format=xlsx downloads it laid out for A4 landscape',
        querystring: matrixQuerySchema.extend({ lang, format: z.enum(['json', 'xlsx']).default('json') }),
        response: { 200: matrixSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { lang: l, format, start, ...rest } = request.query;
      const query = { ...rest, start: start ?? today(deps.clock).slice(0, 7) };
      const language = requestLanguage(request, l);
      const matrix = await activityMatrix(
        deps.db,
        await deps.cache.get(),
        query,
        language,
        fundingScopeOf(request.actor),
      );
      if (format === 'json') return matrix;
      return sendWorkbook(
        reply,
        `activity-matrix-${query.start}-${query.months}m`,
        await matrixWorkbook(matrix, language),
      );
    },
  );

  api.get(
    '/programme/indicators',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Indicators for a period and scope: activities, countries assisted, participants, officials trained, ratifications, laws',
        querystring: indicatorScopeSchema.extend({ lang, format: sheetFormat }),
        response: { 200: indicatorsSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { lang: l, format, ...scope } = request.query;
      if (scope.to < scope.from)
        throw badRequest('validation_failed', 'Some fields are not valid.', [
          {
            field: 'to',
            reason: 'must be on or after from',
            code: 'before_start_date',
          },
        ]);
      const dataset = await deps.cache.get();
      const language = requestLanguage(request, l);
      const result = await indicators(deps.db, dataset, scope, language);
      if (format === 'json') return result;
      return sendSheet(
        reply,
        format,
        `indicators-${scope.from}-${scope.to}`,
        indicatorsSheet(dataset, result, language),
      );
    },
  );

  api.get(
    '/programme/indicators/cohort',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Of the N countries assisted (by type, in a window), how many became party to an instrument after their first assistance',
        querystring: cohortQuerySchema.omit({ types: true }).extend({
          types: z
            .string()
            .max(1000)
            .optional()
            .describe(`Comma-separated: ${ACTIVITY_TYPES.join(', ')}`),
          lang,
          format: sheetFormat,
        }),
        response: { 200: cohortSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { lang: l, format, types: typeList, ...query } = request.query;
      const types = (typeList ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = types.filter((t) => !(ACTIVITY_TYPES as readonly string[]).includes(t));
      if (unknown.length)
        throw badRequest('validation_failed', 'Some fields are not valid.', [
          {
            field: 'types',
            ...because('unknown_activity_type', `${unknown.join(', ')} is not an activity type`, {
              value: unknown.join(', '),
            }),
          },
        ]);
      if (query.to < query.from)
        throw badRequest('validation_failed', 'Some fields are not valid.', [
          {
            field: 'to',
            reason: 'must be on or after from',
            code: 'before_start_date',
          },
        ]);
      const dataset = await deps.cache.get();
      const language = requestLanguage(request, l);
      const result = await cohort(
        deps.db,
        dataset,
        {
          ...query,
          types: types as (typeof ACTIVITY_TYPES)[number][],
          set: query.set === 'all' ? 'all' : (Number(query.set) as 12 | 16 | 18 | 19),
          asOf: query.asOf ?? today(deps.clock),
        },
        language,
      );
      if (format === 'json') return result;
      return sendSheet(reply, format, `cohort-${query.from}-${query.to}`, cohortSheet(dataset, result, language));
    },
  );

  const outcomeSchema = z.object({
    id: z.string(),
    kind: z.string(),
    participantId: z.string(),
    countryName: z.string(),
    instrumentId: z.string().nullable(),
    documentId: z.string().nullable(),
    documentTitle: z.string().nullable(),
    stage: z.string().nullable(),
    date: z.string(),
    description: z.string().nullable(),
    contributions: z.array(z.object({ activityId: z.string(), activityTitle: z.string(), note: z.string() })),
  });
  api.get(
    '/programme/outcomes',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Outcomes (treaty actions, laws) with the activities that contributed; a donor user sees those its funded activities contributed to',
        querystring: z.object({
          country: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          activity: z.string().uuid().optional(),
          lang,
        }),
        response: { 200: z.object({ items: z.array(outcomeSchema) }), ...problems },
      },
    },
    async (request) => ({
      items: await listOutcomes(
        deps.db,
        request.query,
        requestLanguage(request, request.query.lang),
        fundingScopeOf(request.actor),
      ),
    }),
  );

  api.post(
    '/programme/outcomes',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record an outcome and the activities that contributed to it, each with a note',
        body: outcomeInputSchema,
        response: { 201: outcomeSchema, ...problems },
      },
    },
    async (request, reply) => {
      const id = await createOutcome(deps, request.auditContext, request.body, await deps.cache.get());
      const [created] = await listOutcomes(deps.db, { id }, requestLanguage(request));
      return reply.code(201).send(created!);
    },
  );
}
