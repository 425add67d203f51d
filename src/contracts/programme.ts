import { z } from 'zod';
import { LANGUAGES } from './languages.ts';
import { dateInput, THEMES } from './library.ts';
import { coded } from './reasons.ts';

/** Zod schemas of the assistance programme API, shared by the server (validation, OpenAPI) and the web app. */

export const PROJECT_SCOPES = ['global', 'regional', 'national'] as const;

/**
 * Financial transaction types, named as the IATI standard names them (codelist TransactionType):
 * incoming pledge (13), incoming commitment (11), incoming funds (1), disbursement (3), expenditure (4).
 */
export const TRANSACTION_TYPES = ['pledge', 'commitment', 'incoming_funds', 'disbursement', 'expenditure'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export const IATI_TRANSACTION_CODES: Record<TransactionType, string> = {
  pledge: '13',
  commitment: '11',
  incoming_funds: '1',
  disbursement: '3',
  expenditure: '4',
};
/** What a contribution is earmarked for. */
export const EARMARKINGS = ['project', 'theme', 'region', 'general'] as const;

export const ACTIVITY_TYPES = [
  'national_workshop',
  'subregional_workshop',
  'regional_workshop',
  'international_workshop',
  'legislative_drafting_workshop',
  'advisory_mission',
  'training_of_trainers',
  'online_course',
  'mock_trial',
  'expert_group_meeting',
  'joint_country_visit',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
/** Participants of these types count as officials trained; a mission or an expert meeting trains nobody. */
export const TRAINING_TYPES: ReadonlySet<ActivityType> = new Set([
  'national_workshop',
  'subregional_workshop',
  'regional_workshop',
  'international_workshop',
  'legislative_drafting_workshop',
  'training_of_trainers',
  'online_course',
  'mock_trial',
]);
export const ACTIVITY_STATUSES = ['planned', 'confirmed', 'delivered', 'postponed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const PROFESSIONS = [
  'judges',
  'prosecutors',
  'investigators',
  'central_authority',
  'drafters',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];
export const DOCUMENT_ROLES = ['agenda', 'report', 'materials'] as const;

/** Three-letter ISO 4217 code. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
  .describe('ISO 4217 currency code');
const countryCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter country code (ISO 3166-1 alpha-3)');
const uuid = z.string().uuid('must be an id (UUID)');
/** Money as typed: at most two decimals, kept exact as a decimal string on the server. */
const amount = z
  .number()
  .finite()
  .refine(
    (n) => Math.round(n * 100) === Number((n * 100).toFixed(6)),
    coded('too_many_decimals', 'must have at most two decimals'),
  );
const count = z.number().int('must be a whole number').min(0, 'cannot be negative');

export const rateInputSchema = z.object({
  currency: currencyCode,
  validFrom: dateInput.describe('First day the rate applies; it applies until the next rate of the currency'),
  usdPerUnit: z.number().positive('must be more than zero').describe('US dollars for one unit of the currency'),
});
export const rateSchema = rateInputSchema.extend({ id: z.string() });

export const donorInputSchema = z.object({
  kind: z.enum(['state', 'organization']),
  participantId: countryCode.nullable().optional().describe('For a state donor: its participant id (ISO3)'),
  name: z.string().trim().min(1).max(300).nullable().optional().describe('For an organization: its name'),
});
export const donorSchema = z.object({
  id: z.string(),
  kind: z.enum(['state', 'organization']),
  participantId: z.string().nullable(),
  name: z.string(),
});

export const projectInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40)
    .regex(/^[A-Za-z0-9._/-]+$/, 'may hold letters, digits and . _ / - only'),
  title: z.string().trim().min(1, 'is required').max(500),
  scope: z.enum(PROJECT_SCOPES),
  startDate: dateInput,
  endDate: dateInput.nullable().optional(),
  organizationId: uuid.describe('Responsible organization'),
  themes: z.array(z.enum(THEMES)).default([]),
  regions: z.array(z.string().regex(/^\d{3}$/, 'must be a UN M49 region code')).default([]),
  countries: z.array(countryCode).default([]),
  budgetAmount: amount.min(0, 'cannot be negative').nullable().optional(),
  budgetCurrency: currencyCode.nullable().optional(),
});
export type ProjectInput = z.infer<typeof projectInputSchema>;
export const projectSchema = projectInputSchema.extend({
  id: z.string(),
  endDate: z.string().nullable(),
  organizationName: z.string(),
  budgetAmount: z.number().nullable(),
  budgetCurrency: z.string().nullable(),
  updatedAt: z.string(),
});

export const transactionInputSchema = z.object({
  type: z.enum(TRANSACTION_TYPES),
  donorId: uuid.nullable().optional().describe('Required for pledges, commitments and incoming funds'),
  projectId: uuid.nullable().optional().describe('Required for disbursements, expenditure and project-earmarked funds'),
  date: dateInput,
  amount: amount.positive('must be more than zero'),
  currency: currencyCode,
  earmarking: z.enum(EARMARKINGS).default('general'),
  earmarkTheme: z.enum(THEMES).nullable().optional(),
  earmarkRegion: z
    .string()
    .regex(/^\d{3}$/, 'must be a UN M49 region code')
    .nullable()
    .optional(),
  description: z.string().max(1000).nullable().optional(),
});
export type TransactionInput = z.infer<typeof transactionInputSchema>;
export const transactionSchema = z.object({
  id: z.string(),
  type: z.enum(TRANSACTION_TYPES),
  iatiCode: z.string(),
  donorId: z.string().nullable(),
  donorName: z.string().nullable(),
  projectId: z.string().nullable(),
  projectCode: z.string().nullable(),
  date: z.string(),
  amount: z.number(),
  currency: z.string(),
  usdAmount: z.number().describe('Amount in US dollars at the rate in force on the date'),
  usdRate: z.number(),
  earmarking: z.enum(EARMARKINGS),
  earmarkTheme: z.string().nullable(),
  earmarkRegion: z.string().nullable(),
  description: z.string().nullable(),
});

export const participantCountsSchema = z.object({
  total: count.describe('All participants'),
  women: count,
  men: count,
  professions: z.partialRecord(z.enum(PROFESSIONS), count).default({}).describe('Participants per profession'),
});
export type ParticipantCounts = z.infer<typeof participantCountsSchema>;

export const activityInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .nullable()
    .optional()
    .describe("Reference of the activity in the organizer's own records; the key re-imports match on"),
  title: z.string().trim().min(1, 'is required').max(500),
  type: z.enum(ACTIVITY_TYPES),
  status: z.enum(ACTIVITY_STATUSES).default('planned'),
  startDate: dateInput,
  endDate: dateInput,
  online: z.boolean().default(false),
  venueCity: z.string().trim().max(200).nullable().optional(),
  venueCountry: countryCode.nullable().optional(),
  countries: z.array(countryCode).min(1, 'name at least one beneficiary country').max(250),
  organizationId: uuid.describe('Organiser'),
  partners: z.array(z.string().trim().min(1).max(300)).default([]).describe('Partner organizations'),
  themes: z.array(z.enum(THEMES)).default([]),
  instruments: z.array(z.string().max(60)).default([]),
  projectId: uuid.nullable().optional(),
  donorIds: z.array(uuid).default([]),
  languages: z.array(z.enum(LANGUAGES)).default([]),
  participants: participantCountsSchema.nullable().optional(),
  institutions: z.array(z.string().trim().min(1).max(300)).default([]),
  documents: z.array(z.object({ documentId: uuid, role: z.enum(DOCUMENT_ROLES) })).default([]),
  notes: z.string().max(4000).nullable().optional(),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const activitySchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  status: z.enum(ACTIVITY_STATUSES),
  startDate: z.string(),
  endDate: z.string(),
  online: z.boolean(),
  venueCity: z.string().nullable(),
  venueCountry: z.string().nullable(),
  countries: z.array(z.object({ id: z.string(), name: z.string() })),
  organizationId: z.string(),
  organizationName: z.string(),
  partners: z.array(z.string()),
  themes: z.array(z.string()),
  instruments: z.array(z.string()),
  projectId: z.string().nullable(),
  projectCode: z.string().nullable(),
  donorIds: z.array(z.string()),
  languages: z.array(z.string()),
  participants: participantCountsSchema.extend({ notRecorded: z.number() }).nullable(),
  institutions: z.array(z.string()),
  documents: z.array(z.object({ documentId: z.string(), role: z.string(), title: z.string() })),
  notes: z.string().nullable(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type Activity = z.infer<typeof activitySchema>;

/** Another organisation's activity close in time, for the same country, on a shared theme. */
export const overlapSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  countries: z.array(z.string()).describe('The beneficiary countries the two activities share'),
  themes: z.array(z.string()).describe('The themes they share'),
  daysApart: z.number().int().describe('0 when the dates overlap'),
});
/** One activity as GET, POST and PUT answer it: with the other organisations' activities close to it, computed when read. */
export const activityDetailSchema = activitySchema.extend({
  overlaps: z
    .array(overlapSchema)
    .describe(
      "Other organizations' activities close to this one that the reader may see: coordinate before going ahead",
    ),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;
export const overlapQuerySchema = z.object({
  startDate: dateInput,
  endDate: dateInput,
  countries: z.array(countryCode).min(1),
  themes: z.array(z.enum(THEMES)).default([]),
  organizationId: uuid,
  excludeId: uuid.optional(),
  windowDays: z
    .number()
    .int()
    .min(0)
    .max(180)
    .optional()
    .describe("Days before and after; default the server's setting (LEXPACT_OVERLAP_WINDOW_DAYS, 14)"),
});

export const activityFilterSchema = z.object({
  from: dateInput.optional(),
  to: dateInput.optional(),
  country: countryCode.optional(),
  region: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  theme: z.enum(THEMES).optional(),
  organization: uuid.optional(),
  partner: z.string().max(300).optional(),
  donor: uuid.optional(),
  project: uuid.optional(),
});
export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export const MATRIX_MAX_MONTHS = 36;
export const matrixQuerySchema = activityFilterSchema.omit({ from: true, to: true, status: true }).extend({
  start: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written as YYYY-MM')
    .optional()
    .describe('First month of the window; default this month'),
  months: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MATRIX_MAX_MONTHS, `cannot be more than ${MATRIX_MAX_MONTHS} months`)
    .default(12),
});
export const matrixEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  organizationName: z.string(),
});
export const matrixSchema = z.object({
  months: z.array(z.string()).describe('YYYY-MM of each column'),
  regions: z.array(
    z.object({
      region: z.string().nullable(),
      regionName: z.string(),
      subregions: z.array(
        z.object({
          subregion: z.string().nullable(),
          subregionName: z.string(),
          countries: z.array(
            z.object({ id: z.string(), name: z.string(), cells: z.array(z.array(matrixEntrySchema)) }),
          ),
        }),
      ),
    }),
  ),
  activityCount: z.number().int(),
});
export type Matrix = z.infer<typeof matrixSchema>;

export const outcomeInputSchema = z.object({
  kind: z.enum(['treaty_action', 'library_document']),
  participantId: countryCode.describe('Country where the change happened'),
  instrumentId: z
    .string()
    .max(60)
    .nullable()
    .optional()
    .describe('For a treaty action: the instrument the country joined'),
  documentId: uuid.nullable().optional().describe('For a law: the library document'),
  date: dateInput.describe("Date of the treaty action, or of the law's adoption or drafting"),
  stage: z.enum(['drafted', 'adopted']).nullable().optional().describe('For a law: drafted or adopted with assistance'),
  description: z.string().max(2000).nullable().optional(),
  contributions: z
    .array(z.object({ activityId: uuid, note: z.string().trim().min(1, 'say how the activity contributed').max(2000) }))
    .min(1, 'link at least one activity'),
});
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

export const indicatorInputSchema = z.object({
  projectId: uuid,
  name: z.string().trim().min(1).max(300),
  unit: z.string().trim().max(60).nullable().optional(),
  baseline: z.number().finite().nullable().optional(),
  target: z.number().finite().nullable().optional(),
  values: z
    .array(
      z.object({
        period: z
          .string()
          .regex(
            /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/,
            'must be a year (2013), a quarter (2013-Q2) or a month (2013-06)',
          ),
        value: z.number().finite(),
      }),
    )
    .default([]),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const indicatorScopeSchema = z.object({
  from: dateInput,
  to: dateInput,
  region: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
  country: countryCode.optional(),
  donor: uuid.optional(),
  project: uuid.optional(),
  theme: z.enum(THEMES).optional(),
});
export type IndicatorScope = z.infer<typeof indicatorScopeSchema>;

export const cohortQuerySchema = z.object({
  from: dateInput.describe('Start of the assistance window (D1)'),
  to: dateInput.describe('End of the assistance window (D2)'),
  types: z
    .array(z.enum(ACTIVITY_TYPES))
    .default([])
    .describe('Activity types that count as assistance; all when empty'),
  set: z.enum(['12', '16', '18', '19', 'all']).default('19').describe('Instruments that count'),
  asOf: dateInput.optional().describe('Count treaty actions up to this date (default today)'),
  region: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
});
/** What a count of ratifications rests on: the same flags as the status register's. */
export const ratificationDataSchema = z
  .object({
    instrumentsCounted: z.array(z.string()).describe("Instruments counted: those with the depositary's complete list"),
    instrumentsWithoutData: z.array(z.string()).describe('Instruments not counted: no depositary data loaded'),
    instrumentsWithPartialData: z
      .array(z.string())
      .describe("Instruments not counted: only part of the depositary's list loaded"),
    dataAsOf: z
      .string()
      .nullable()
      .describe('Oldest data date among the counted instruments; null when none is counted'),
    stale: z
      .boolean()
      .describe(
        'The period asked for runs past the data date of some counted instrument: later ratifications are not included',
      ),
    staleInstruments: z.array(z.string()),
  })
  .describe('Which instruments the ratification figures cover, and how old their data are');

export const cohortSchema = z.object({
  assisted: z.number().int().describe('N: countries that received assistance of those types in the window'),
  becameParty: z
    .number()
    .int()
    .nullable()
    .describe(
      'M: of those, countries that became party to at least one instrument of the set with complete data after their first assistance; null when no instrument of the set has complete data',
    ),
  ratificationData: ratificationDataSchema,
  countries: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      firstAssistance: z.string(),
      joined: z.array(z.object({ instrumentId: z.string(), date: z.string() })),
    }),
  ),
});

export const indicatorsSchema = z.object({
  scope: indicatorScopeSchema,
  activitiesByType: z
    .array(z.object({ type: z.enum(ACTIVITY_TYPES), delivered: z.number().int(), planned: z.number().int() }))
    .describe('Delivered, and planned or confirmed, per type'),
  activitiesDelivered: z.number().int(),
  countriesAssisted: z.number().int().describe('Beneficiary countries of delivered activities'),
  participants: z.object({
    total: z.number().int(),
    women: z.number().int(),
    men: z.number().int(),
    notRecorded: z.number().int(),
    professions: z.record(z.string(), z.number().int()),
  }),
  officialsTrained: z
    .object({
      total: z.number().int(),
      women: z.number().int(),
      men: z.number().int(),
      notRecorded: z.number().int(),
      professions: z.record(z.string(), z.number().int()),
    })
    .describe('Participants of delivered training-type activities'),
  newRatifications: z
    .number()
    .int()
    .nullable()
    .describe(
      'Instruments (with complete data) joined in the period by the countries assisted in it; null when no instrument has complete data',
    ),
  ratificationData: ratificationDataSchema,
  newRatificationsList: z.array(
    z.object({ participantId: z.string(), name: z.string(), instrumentId: z.string(), date: z.string() }),
  ),
  laws: z
    .object({ drafted: z.number().int(), adopted: z.number().int() })
    .describe('Laws drafted or adopted with assistance (outcomes)'),
  byMonth: z.array(z.object({ month: z.string(), activities: z.number().int(), participants: z.number().int() })),
});
export type Indicators = z.infer<typeof indicatorsSchema>;

export const fundingQuerySchema = z.object({ from: dateInput.optional(), to: dateInput.optional() });
export const projectFundingSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  title: z.string(),
  pledged: z.number(),
  committed: z.number(),
  paid: z.number().describe('Incoming funds'),
  expenditure: z.number(),
  disbursed: z.number(),
  openingBalance: z.number().describe('Paid before the period less expenditure before it'),
  fundsAvailable: z.number().describe('Opening balance plus paid in the period'),
  balance: z.number().describe('Funds available minus expenditure'),
  executionRate: z
    .number()
    .nullable()
    .describe('Expenditure / funds available; may exceed 1; null when nothing was paid'),
});
export const donorTableSchema = z.object({
  rows: z.array(z.object({ donorId: z.string(), name: z.string(), paid: z.number(), generalPurpose: z.number() })),
  total: z.number(),
  generalPurpose: z.number(),
  generalPurposeShare: z.number().nullable(),
});

export const optionsSchema = z.object({
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  projects: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  donors: z.array(z.object({ id: z.string(), name: z.string() })),
  currencies: z.array(z.string()).describe('Currencies with a rate'),
});
