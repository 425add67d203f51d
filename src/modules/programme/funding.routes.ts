import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '../../contracts/languages.ts';
import {
  currencyCode,
  donorInputSchema,
  donorSchema,
  donorTableSchema,
  fundingQuerySchema,
  indicatorInputSchema,
  projectFundingSchema,
  projectInputSchema,
  projectSchema,
  rateInputSchema,
  rateSchema,
  TRANSACTION_TYPES,
  transactionInputSchema,
  transactionSchema,
} from '../../contracts/programme.ts';
import { problemSchema } from '../../contracts/common.ts';
import { badRequest } from '../../lib/errors.ts';
import { sendSheet } from '../../server/plugins/export.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import { fundingScopeOf } from '../accounts/policy.ts';
import {
  addDonor,
  addRate,
  createProject,
  deleteProject,
  deleteRate,
  deleteTransaction,
  donorTableFor,
  findProject,
  fundingByProject,
  fundingOfProject,
  listDonors,
  listProjects,
  listRates,
  listTransactions,
  presentProject,
  recordTransaction,
  updateProject,
} from './funding.service.ts';
import type { ProgrammeDeps } from './programme.shared.ts';
import { projectIndicatorsOf, saveIndicator } from './outcomes.ts';

const idParam = z.object({ id: z.string().uuid('must be an id (UUID)') });
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const lang = z.enum(LANGUAGES).optional().describe('Language of names');
const sheetFormat = z.enum(['json', 'csv', 'xlsx']).default('json');
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const indicatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  values: z.array(z.object({ period: z.string(), value: z.number() })),
});

function checkPeriod(period: { from?: string | undefined; to?: string | undefined }) {
  if (period.from && period.to && period.to < period.from)
    throw badRequest('validation_failed', 'Some fields are not valid.', [
      {
        field: 'to',
        reason: 'must be on or after from',
        code: 'before_start_date',
      },
    ]);
}

/** Projects, donors, transactions, the rate table, and the funding tables of the annual report. */
export async function fundingRoutes(app: FastifyInstance, deps: ProgrammeDeps) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { policy: 'funding.read' as const };
  const write = { policy: 'funding.write' as const };
  const tags = ['funding'];

  api.get(
    '/programme/rates',
    {
      config: read,
      schema: {
        tags,
        summary: 'The currency rate table (US dollars per unit, from a date)',
        querystring: z.object({ currency: currencyCode.optional() }),
        response: { 200: z.object({ items: z.array(rateSchema) }), ...problems },
      },
    },
    async (request) => ({ items: await listRates(deps.db, request.query.currency) }),
  );
  api.post(
    '/programme/rates',
    {
      config: { policy: 'rates.manage' as const },
      schema: { tags, summary: 'Add a rate', body: rateInputSchema, response: { 201: rateSchema, ...problems } },
    },
    async (request, reply) => reply.code(201).send(await addRate(deps, request.auditContext, request.body)),
  );
  api.delete(
    '/programme/rates/:id',
    {
      config: { policy: 'rates.manage' as const },
      schema: {
        tags,
        summary: 'Delete a rate (amounts already converted keep their rate)',
        params: idParam,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteRate(deps, request.auditContext, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/programme/donors',
    {
      config: read,
      schema: {
        tags,
        summary: 'Donors; a donor user sees its own record only',
        querystring: z.object({ lang }),
        response: { 200: z.object({ items: z.array(donorSchema) }), ...problems },
      },
    },
    async (request) => ({
      items: await listDonors(deps.db, requestLanguage(request, request.query.lang), fundingScopeOf(request.actor)),
    }),
  );
  api.post(
    '/programme/donors',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a donor: a state or an organization',
        body: donorInputSchema,
        response: { 201: donorSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addDonor(deps, request.auditContext, request.body, requestLanguage(request))),
  );

  api.get(
    '/programme/projects',
    {
      config: read,
      schema: {
        tags,
        summary: 'Projects; a donor user sees those its contributions funded',
        querystring: z.object(page),
        response: { 200: z.object({ total: z.number().int(), items: z.array(projectSchema) }), ...problems },
      },
    },
    async (request) => listProjects(deps.db, request.query, fundingScopeOf(request.actor)),
  );
  api.get(
    '/programme/projects/:id',
    {
      config: read,
      schema: {
        tags,
        summary:
          'A project with its funding (all time) and its results framework; a project a donor user did not fund is not found (404)',
        params: idParam,
        response: {
          200: projectSchema.extend({
            funding: projectFundingSchema.omit({ projectId: true, code: true, title: true }),
            indicators: z.array(indicatorSchema),
          }),
          ...problems,
        },
      },
    },
    async (request) => {
      const project = await findProject(deps.db, request.params.id, fundingScopeOf(request.actor));
      const [funding, indicators] = await Promise.all([
        fundingOfProject(deps.db, project.id, {}),
        projectIndicatorsOf(deps.db, project.id),
      ]);
      return { ...presentProject(project), funding, indicators };
    },
  );
  api.post(
    '/programme/projects',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a project',
        body: projectInputSchema,
        response: { 201: projectSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createProject(deps, request.auditContext, request.body)),
  );
  api.put(
    '/programme/projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a project',
        params: idParam,
        body: projectInputSchema,
        response: { 200: projectSchema, ...problems },
      },
    },
    async (request) => updateProject(deps, request.auditContext, request.params.id, request.body),
  );
  api.delete(
    '/programme/projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a project (kept in the audit trail)',
        params: idParam,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteProject(deps, request.auditContext, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/programme/indicators',
    {
      config: write,
      schema: {
        tags,
        summary: "Add an indicator to a project's results framework",
        body: indicatorInputSchema,
        response: { 201: indicatorSchema, ...problems },
      },
    },
    async (request, reply) => {
      const row = await saveIndicator(deps, request.auditContext, request.body, null);
      return reply.code(201).send({
        id: row.id,
        name: row.name,
        unit: row.unit,
        baseline: row.baseline,
        target: row.target,
        values: row.values,
      });
    },
  );
  api.put(
    '/programme/indicators/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an indicator: baseline, target, actual values per period',
        params: idParam,
        body: indicatorInputSchema,
        response: { 200: indicatorSchema, ...problems },
      },
    },
    async (request) => {
      const row = await saveIndicator(deps, request.auditContext, request.body, request.params.id);
      return {
        id: row.id,
        name: row.name,
        unit: row.unit,
        baseline: row.baseline,
        target: row.target,
        values: row.values,
      };
    },
  );

  api.get(
    '/programme/transactions',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Transactions (IATI types), newest first; a donor user sees its own and the spending of the projects it funded',
        querystring: z.object({
          project: z.string().uuid().optional(),
          donor: z.string().uuid().optional(),
          type: z.enum(TRANSACTION_TYPES).optional(),
          ...fundingQuerySchema.shape,
          ...page,
          lang,
        }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(transactionSchema) }), ...problems },
      },
    },
    async (request) => {
      checkPeriod(request.query);
      return listTransactions(
        deps.db,
        request.query,
        requestLanguage(request, request.query.lang),
        fundingScopeOf(request.actor),
      );
    },
  );
  api.post(
    '/programme/transactions',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Record a pledge, commitment, incoming funds, disbursement or expenditure; converted to US dollars at the rate of its date',
        body: transactionInputSchema,
        response: { 201: transactionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const id = await recordTransaction(deps, request.auditContext, request.body);
      const {
        items: [created],
      } = await listTransactions(deps.db, { id, limit: 1, offset: 0 }, requestLanguage(request));
      return reply.code(201).send(created!);
    },
  );
  api.delete(
    '/programme/transactions/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a transaction (kept in the audit trail)',
        params: idParam,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteTransaction(deps, request.auditContext, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/programme/funding/projects',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Per project: pledged, paid, expenditure, balance and execution rate over a period, in US dollars; a donor user sees the projects it funded, with their whole figures',
        querystring: fundingQuerySchema.extend({ format: sheetFormat }),
        response: { 200: z.object({ rows: z.array(projectFundingSchema) }), ...problems },
      },
    },
    async (request, reply) => {
      const { format, ...period } = request.query;
      checkPeriod(period);
      const rows = await fundingByProject(deps.db, period, fundingScopeOf(request.actor));
      if (format === 'json') return { rows };
      return sendSheet(reply, format, `project-funding-${period.from ?? 'start'}-${period.to ?? 'now'}`, {
        name: 'projects',
        header: [
          'code',
          'title',
          'pledged_usd',
          'committed_usd',
          'paid_usd',
          'expenditure_usd',
          'opening_balance_usd',
          'funds_available_usd',
          'balance_usd',
          'execution_rate',
        ],
        rows: rows.map((r) => [
          r.code,
          r.title,
          r.pledged,
          r.committed,
          r.paid,
          r.expenditure,
          r.openingBalance,
          r.fundsAvailable,
          r.balance,
          r.executionRate === null ? null : Math.round(r.executionRate * 1000) / 1000,
        ]),
      });
    },
  );
  api.get(
    '/programme/funding/donors',
    {
      config: read,
      schema: {
        tags,
        summary:
          'What each donor paid in a period, in US dollars, largest first, with the total and the share of general-purpose funds; a donor user sees its own row',
        querystring: fundingQuerySchema.extend({ format: sheetFormat, lang }),
        response: { 200: donorTableSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { format, lang: l, ...period } = request.query;
      checkPeriod(period);
      const table = await donorTableFor(deps.db, period, requestLanguage(request, l), fundingScopeOf(request.actor));
      if (format === 'json') return table;
      return sendSheet(reply, format, `donors-${period.from ?? 'start'}-${period.to ?? 'now'}`, {
        name: 'donors',
        header: ['donor', 'paid_usd', 'general_purpose_usd'],
        rows: [
          ...table.rows.map((r) => [r.name, r.paid, r.generalPurpose]),
          ['Total', table.total, table.generalPurpose],
        ],
      });
    },
  );
}
