import { z } from 'zod';
import { isoDate, namesSchema } from './common.ts';

/** Zod schemas of the status register API, shared by the server (validation, OpenAPI) and the web app (types). */

export const basisParam = z
  .enum(['deposit', 'in-force'])
  .default('deposit')
  .describe(
    'deposit: consent deposited by the date and not withdrawn; in-force: in force for the participant by the date',
  );
export const setParam = z
  .enum(['12', '16', '18', '19', 'all'])
  .default('19')
  .describe('Instrument set: 12, 16, 18 or 19 universal instruments, or all instruments in the catalogue');
/** The same four fields wherever a figure rests on an instrument's depositary data. */
export const coverageFields = {
  hasData: z.boolean().describe('Some status data from the depositary are loaded'),
  complete: z
    .boolean()
    .describe(
      "The depositary's complete list is loaded; false: the data are partial, counts are lower bounds (at least N) and a participant not named is unknown, not a non-party",
    ),
  dataAsOf: isoDate
    .nullable()
    .describe(
      'Date up to which the data are known: the newest complete list, or the newest list when only partial data are loaded',
    ),
  stale: z.boolean().describe('The date asked for is later than dataAsOf: actions after dataAsOf are not included'),
};
export const coverageSchema = z.object({ instrument: z.string(), ...coverageFields });

const setValue = z
  .union([z.literal(12), z.literal(16), z.literal(18), z.literal(19), z.literal('all')])
  .describe('Instrument set');

export const instrumentSchema = z.object({
  id: z.string().describe('Stable public identifier, e.g. icsft-1999'),
  title: z.string().describe('Title in the requested language (English when unknown)'),
  shortName: z.string().describe('Short name in the requested language'),
  titles: namesSchema,
  untcNo: z.string().nullable().describe('UN Treaty Collection reference, e.g. XVIII-11'),
  adoptedDate: isoDate,
  adoptedPlace: z.string().nullable(),
  entryIntoForceDate: isoDate.nullable().describe('General entry into force'),
  depositary: z.string(),
  depositaryCodes: z.array(z.string()).describe('UNSG, ICAO, IMO, IAEA, GOV-RUS, GOV-GBR, GOV-USA'),
  eifRule: z.object({
    kind: z.string().describe('days_after or first_day_of_second_month'),
    instrumentsRequired: z.number().nullable(),
    daysAfter: z.number().nullable(),
    daysAfterForLaterJoiners: z.number().nullable(),
    text: z.string().describe('The rule in words (English)'),
  }),
  family: z.string().describe('universal-ct, organized-crime or corruption'),
  parentId: z.string().nullable(),
  relationToParent: z.string().nullable(),
  sets: z.array(z.number()).describe('The instrument sets (12/16/18/19) that count this instrument'),
  hasData: z.boolean().describe('Whether status data from the depositary are loaded'),
  complete: z.boolean().describe("Whether the depositary's complete list is loaded (false: partial data)"),
  dataAsOf: isoDate.nullable().describe('Date up to which the status data are known'),
  notes: z.string().nullable(),
});

export const partiesSchema = z.object({
  instrument: z.string(),
  asOf: isoDate,
  basis: z.enum(['deposit', 'in-force']),
  ...coverageFields,
  count: z
    .number()
    .nullable()
    .describe(
      'Number of parties; null when no status data are loaded; a lower bound (at least) when complete is false',
    ),
  signatoryCount: z.number().nullable().describe('Participants that had signed by the date; null when no data'),
  parties: z.array(
    z.object({
      participant: z.string().describe('ISO 3166-1 alpha-3, or EUU for the European Union'),
      name: z.string(),
      action: z.string().describe('ratification, acceptance, approval, accession, succession or definitive_signature'),
      date: isoDate.describe('Date of deposit of the consent'),
      inForceFrom: isoDate.nullable().describe('Date from which the instrument is in force for the participant'),
      signatureDate: isoDate.nullable(),
      regionM49: z.string().nullable(),
      subregionM49: z.string().nullable(),
      flagged: z.boolean().describe('A newer depositary list no longer shows one of its actions'),
    }),
  ),
});

export const timelineSchema = z.object({
  instrument: z.string(),
  basis: z.enum(['deposit', 'in-force']),
  ...coverageFields,
  points: z
    .array(z.object({ year: z.number(), parties: z.number(), signatories: z.number() }))
    .describe('Counts at the end of each year, up to the year of dataAsOf (stale: the current year is later)'),
});

const datedAction = z.object({ type: z.string(), date: isoDate });

export const countryStatusSchema = z.object({
  participant: z.string(),
  name: z.string(),
  asOf: isoDate,
  set: setValue,
  basis: z.enum(['deposit', 'in-force']),
  partyCount: z.number().describe('Instruments of the set the participant is party to (among those with data)'),
  instrumentCount: z.number(),
  gaps: z
    .array(z.string())
    .describe("Instruments of the set with the depositary's complete list that the participant is not party to"),
  unknown: z
    .array(z.string())
    .describe('Instruments with partial data that record no consent of the participant: it may or may not be a party'),
  instrumentsWithoutData: z
    .array(z.string())
    .describe('Instruments whose status is unknown because no data are loaded'),
  instrumentsWithPartialData: z
    .array(z.string())
    .describe("Instruments for which only part of the depositary's list is loaded"),
  staleInstruments: z.array(z.string()).describe('Instruments whose newest data are older than the date asked for'),
  instruments: z.array(
    z.object({
      instrument: z.string(),
      ...coverageFields,
      status: z
        .enum(['party', 'signatory', 'not_party', 'withdrawn', 'not_adopted', 'no_data', 'unknown'])
        .describe(
          'not_adopted: the instrument was adopted after the date; unknown: partial data name no consent of the participant',
        ),
      signature: datedAction.nullable(),
      consent: datedAction.extend({ effectiveDate: isoDate.nullable() }).nullable(),
      inForceFrom: isoDate.nullable(),
      withdrawal: z.object({ date: isoDate, effectiveDate: isoDate.nullable() }).nullable(),
      statements: z.array(z.object({ type: z.string(), date: isoDate, text: z.string().nullable() })),
      flagged: z.boolean(),
    }),
  ),
});

export const partyToAllSchema = z.object({
  count: z
    .number()
    .nullable()
    .describe(
      "States party to every instrument of the set; null when some instruments have no data or only part of the depositary's list",
    ),
  complete: z.boolean().describe("False when some instruments of the set lack the depositary's complete list"),
  countOverInstrumentsWithData: z
    .number()
    .nullable()
    .describe("Party to every instrument of the set that has the depositary's complete list"),
  instrumentsWithoutData: z.array(z.string()),
  instrumentsWithPartialData: z.array(z.string()),
  participants: z.array(z.string()),
});

export const compareSchema = z.object({
  from: isoDate,
  to: isoDate,
  set: setValue,
  basis: z.enum(['deposit', 'in-force']),
  instruments: z.array(
    z.object({
      instrument: z.string(),
      ...coverageFields,
      partiesAtFrom: z.number().nullable(),
      partiesAtTo: z.number().nullable(),
      newParties: z.number().nullable().describe('Parties at the second date that were not parties at the first'),
    }),
  ),
  partyToAllAtFrom: partyToAllSchema,
  partyToAllAtTo: partyToAllSchema,
});

const matrixCell = z
  .object({
    status: z
      .enum(['party', 'signatory', 'withdrawn', 'none', 'unknown'])
      .describe('unknown: partial data name no consent of the participant'),
    date: isoDate.nullable(),
    action: z.string().nullable(),
  })
  .nullable();

export const matrixSchema = z.object({
  asOf: isoDate,
  set: setValue,
  basis: z.enum(['deposit', 'in-force']),
  region: z.string().nullable(),
  instruments: z.array(z.object({ id: z.string(), ...coverageFields })),
  rows: z.array(
    z.object({
      participant: z.string(),
      name: z.string(),
      regionM49: z.string().nullable(),
      subregionM49: z.string().nullable(),
      partyCount: z.number(),
      cells: z.array(matrixCell).describe('One cell per instrument, in the order of `instruments`; null where no data'),
    }),
  ),
});

export const overviewSchema = z.object({
  asOf: isoDate,
  set: setValue,
  basis: z.enum(['deposit', 'in-force']),
  instrumentCount: z.number(),
  instrumentsWithData: z.array(z.string()),
  instrumentsWithPartialData: z
    .array(z.string())
    .describe("Instruments for which only part of the depositary's list is loaded"),
  instrumentsWithoutData: z.array(z.string()),
  staleInstruments: z.array(z.string()).describe('Instruments whose newest data are older than asOf'),
  participantCount: z.number(),
  partiesTotal: z
    .number()
    .describe('Sum over participants of the instruments (with data) they are recorded as party to'),
  partyToAll: partyToAllSchema,
  latestDataAsOf: isoDate.nullable(),
  oldestDataAsOf: isoDate.nullable(),
  coverage: z.array(coverageSchema).describe('Per instrument of the set: whether its data are complete, and how old'),
  participants: z.array(z.object({ participant: z.string(), m49: z.string().nullable(), partyCount: z.number() })),
});

export const participantSchema = z.object({
  id: z.string().describe('ISO 3166-1 alpha-3, or EUU for the European Union'),
  iso3: z.string().nullable(),
  iso2: z.string().nullable(),
  m49: z.string().nullable(),
  kind: z.string().describe('un_member_state, non_member_state or regional_economic_integration_org'),
  name: z.string(),
  names: namesSchema,
  regionM49: z.string().nullable(),
  subregionM49: z.string().nullable(),
  intermediateRegionM49: z.string().nullable(),
});

export const regionSchema = z.object({
  m49: z.string(),
  parentM49: z.string().nullable(),
  level: z.string(),
  name: z.string(),
});

export const changeSchema = z.object({
  id: z.number(),
  snapshot: z.string().describe('Snapshot whose import detected the change'),
  snapshotAsOf: isoDate,
  detectedAt: z.string().describe('When the import ran (ISO timestamp)'),
  instrument: z.string(),
  participant: z.string(),
  participantName: z.string(),
  change: z.enum(['added', 'corrected', 'missing_from_source', 'reappeared']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const changesPageSchema = z.object({
  items: z.array(changeSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor to get the next page; null on the last page'),
});

export const snapshotSchema = z.object({
  id: z.string(),
  format: z.string(),
  asOf: isoDate,
  importedAt: z.string(),
  summary: z.unknown(),
  files: z.array(
    z.object({
      instrumentId: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      rowCount: z.number(),
      outcome: z.string(),
      complete: z.boolean().describe("The file is the depositary's complete list as of asOf"),
    }),
  ),
});

export type Instrument = z.infer<typeof instrumentSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type Parties = z.infer<typeof partiesSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type CountryStatus = z.infer<typeof countryStatusSchema>;
export type Compare = z.infer<typeof compareSchema>;
export type Matrix = z.infer<typeof matrixSchema>;
export type Overview = z.infer<typeof overviewSchema>;
export type Participant = z.infer<typeof participantSchema>;
export type Region = z.infer<typeof regionSchema>;
export type ChangesPage = z.infer<typeof changesPageSchema>;
export type Change = z.infer<typeof changeSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
