import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { langParam, problemSchema } from '../../contracts/common.ts';
import { participantSchema, regionSchema } from '../../contracts/status.ts';
import { badRequest, because, notFound } from '../../lib/errors.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import type { DatasetCache } from '../status/status.dataset.ts';
import { inRegion, nameIn, requireParticipant } from '../status/status.service.ts';
import { listAliases } from './participants.repository.ts';
import type { ParticipantRecord } from './participants.repository.ts';
import { buildAliasIndex } from './participants.service.ts';
import type { Db } from '../../db/client.ts';
import type { Language } from '../../contracts/languages.ts';

const present = (p: ParticipantRecord, lang: Language) => ({
  id: p.id,
  iso3: p.iso3,
  iso2: p.iso2,
  m49: p.m49,
  kind: p.kind,
  name: nameIn(p.names, lang),
  names: p.names as Record<string, string>,
  regionM49: p.regionM49,
  subregionM49: p.subregionM49,
  intermediateRegionM49: p.intermediateRegionM49,
});

export async function participantsRoutes(app: FastifyInstance, { cache, db }: { cache: DatasetCache; db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/participants',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['participants'],
        summary: 'States and organizations that can take treaty action',
        querystring: z.object({
          lang: langParam,
          region: z
            .string()
            .regex(/^\d{3}$/, 'must be a three-digit UN M49 code')
            .optional()
            .describe('UN M49 region, sub-region or intermediate region code'),
          q: z.string().max(200).optional().describe('Part of a name, in any of the six languages'),
        }),
        response: { 200: z.object({ items: z.array(participantSchema) }), 400: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      const { region } = request.query;
      if (region && !dataset.regions.some((r) => r.m49 === region)) {
        throw badRequest('status.unknown_region', `no region has the M49 code ${region}`, [
          { field: 'region', ...because('unknown_region', `unknown M49 region code ${region}`, { value: region }) },
        ]);
      }
      const lang = requestLanguage(request, request.query.lang);
      const needle = request.query.q?.toLocaleLowerCase();
      const items = dataset.participants
        .filter((p) => inRegion(p, region))
        .filter(
          (p) =>
            !needle ||
            p.id.toLowerCase() === needle ||
            Object.values(p.names).some((n) => n.toLocaleLowerCase().includes(needle)),
        )
        .map((p) => present(p, lang))
        .sort((a, b) => a.name.localeCompare(b.name, lang));
      return { items };
    },
  );

  api.get(
    '/participants/resolve',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['participants'],
        summary: 'Resolve a name variant used by a depositary (e.g. "Swaziland") to a participant',
        querystring: z.object({
          name: z.string().min(1).max(300).describe('Name as written in a source'),
          lang: langParam,
        }),
        response: { 200: participantSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const [dataset, aliases] = await Promise.all([cache.get(), listAliases(db)]);
      const id = buildAliasIndex(aliases).resolve(request.query.name);
      if (!id)
        throw notFound(
          'participants.name_not_resolved',
          `"${request.query.name}" is not a known name of any participant`,
        );
      return present(requireParticipant(dataset, id), requestLanguage(request, request.query.lang));
    },
  );

  api.get(
    '/participants/:code',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['participants'],
        summary: 'One participant',
        params: z.object({ code: z.string().describe('ISO 3166-1 alpha-3 code, or EUU') }),
        querystring: z.object({ lang: langParam }),
        response: { 200: participantSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      return present(requireParticipant(dataset, request.params.code), requestLanguage(request, request.query.lang));
    },
  );

  api.get(
    '/regions',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['participants'],
        summary: 'UN M49 regions, sub-regions and intermediate regions',
        querystring: z.object({ lang: langParam }),
        response: { 200: z.object({ items: z.array(regionSchema) }) },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      const lang = requestLanguage(request, request.query.lang);
      return {
        items: dataset.regions.map((r) => ({
          m49: r.m49,
          parentM49: r.parentM49,
          level: r.level,
          name: nameIn(r.names, lang),
        })),
      };
    },
  );
}
