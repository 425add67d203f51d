import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '../../contracts/languages.ts';
import { langParam, problemSchema } from '../../contracts/common.ts';
import { instrumentSchema } from '../../contracts/status.ts';
import { requestLanguage } from '../../server/plugins/locale.ts';
import type { DatasetCache, StatusDataset } from '../status/status.dataset.ts';
import { nameIn, requireInstrument } from '../status/status.service.ts';
import type { InstrumentRecord } from './instruments.repository.ts';
import { INSTRUMENT_SETS, isInSet } from './instruments.service.ts';

export function presentInstrument(instrument: InstrumentRecord, dataset: StatusDataset, lang: Language) {
  return {
    id: instrument.id,
    title: nameIn(instrument.titles, lang),
    shortName: nameIn(instrument.shortNames, lang) || nameIn(instrument.titles, lang),
    titles: instrument.titles as Record<string, string>,
    untcNo: instrument.untcNo,
    adoptedDate: instrument.adoptedDate,
    adoptedPlace: instrument.adoptedPlace,
    entryIntoForceDate: instrument.entryIntoForceDate,
    depositary: instrument.depositary,
    depositaryCodes: instrument.depositaryCodes,
    eifRule: {
      kind: instrument.eifRuleKind,
      instrumentsRequired: instrument.eifInstrumentsRequired,
      daysAfter: instrument.eifDaysAfter,
      daysAfterForLaterJoiners: instrument.eifDaysAfterLaterJoiners,
      text: instrument.eifRuleEn,
    },
    family: instrument.family,
    parentId: instrument.parentId,
    relationToParent: instrument.relationToParent,
    sets: INSTRUMENT_SETS.filter((set) => isInSet(instrument, set)),
    hasData: dataset.instrumentsWithData.has(instrument.id),
    complete: dataset.instrumentsWithCompleteData.has(instrument.id),
    dataAsOf: dataset.dataAsOf.get(instrument.id) ?? null,
    notes: instrument.notes,
  };
}

export async function instrumentsRoutes(app: FastifyInstance, { cache }: { cache: DatasetCache }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/instruments',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['instruments'],
        summary: 'List the instruments in the catalogue',
        querystring: z.object({ lang: langParam }),
        response: { 200: z.object({ items: z.array(instrumentSchema) }) },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      const lang = requestLanguage(request, request.query.lang);
      return { items: dataset.instruments.map((i) => presentInstrument(i, dataset, lang)) };
    },
  );

  api.get(
    '/instruments/:id',
    {
      config: { policy: 'public.read' },
      schema: {
        tags: ['instruments'],
        summary: 'One instrument: titles, adoption, depositary, entry-into-force rule, sets',
        params: z.object({ id: z.string().describe('Instrument id, e.g. icsft-1999') }),
        querystring: z.object({ lang: langParam }),
        response: { 200: instrumentSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const dataset = await cache.get();
      return presentInstrument(
        requireInstrument(dataset, request.params.id),
        dataset,
        requestLanguage(request, request.query.lang),
      );
    },
  );
}
