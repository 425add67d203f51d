// Assistance programme benchmark: the monthly matrix, the cohort indicator, the indicators and the funding
// tables on 20 years of synthetic data (≈200 beneficiary countries, 50,000 activities, 5,000 contributions).
// Target: the 12-month matrix and the cohort indicator answer in under 300 ms p95 on PostgreSQL.
// The data is generated straight into the tables (bulk inserts, not the API): the benchmark measures reads.
//   LEXPACT_PROGRAMME_BENCH_DB=pglite          runs on PGlite instead of PostgreSQL (same sizes)
//   LEXPACT_PROGRAMME_BENCH_ACTIVITIES=5000    fewer activities, for a quick check (default 50,000)
//   LEXPACT_PROGRAMME_BENCH_ROUNDS=40          measured runs per query, after 3 warm-up runs
//   LEXPACT_PROGRAMME_BENCH_SEED=20060101      seed of the generator and of the query parameters
//   LEXPACT_PROGRAMME_BENCH_KEEP=1             keeps the PostgreSQL database (its address is printed) for looking into query plans
import { like, sql } from 'drizzle-orm';
import { seedDatabase } from '../src/db/seed.ts';
import { ACTIVITY_STATUSES, PROFESSIONS, type ActivityType, type TransactionType } from '../src/contracts/programme.ts';
import { THEMES } from '../src/contracts/library.ts';
import { organizations } from '../src/modules/accounts/accounts.table.ts';
import { instruments } from '../src/modules/instruments/instruments.table.ts';
import { participants, participantTranslations } from '../src/modules/participants/participants.table.ts';
import { rateOn, toUsd, type Rate } from '../src/modules/programme/funding.arithmetic.ts';
import { donorTableFor, fundingByProject } from '../src/modules/programme/funding.service.ts';
import { cohort, indicators } from '../src/modules/programme/indicators.ts';
import { activityMatrix, type MatrixQuery } from '../src/modules/programme/matrix.ts';
import {
  activities,
  activityCountries,
  currencyRates,
  donors,
  projects,
  transactions,
} from '../src/modules/programme/programme.table.ts';
import { loadDataset, type StatusDataset } from '../src/modules/status/status.dataset.ts';
import { createPostgresDatabase } from '../test/helpers/db.ts';
import { openPostgres, type DatabaseHandle, type Db } from '../src/db/client.ts';
import { freshDatabase, POSTGRES_ADMIN_URL } from './db.ts';

const ENGINE: 'postgres' | 'pglite' = process.env.LEXPACT_PROGRAMME_BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const ACTIVITY_COUNT = Number(process.env.LEXPACT_PROGRAMME_BENCH_ACTIVITIES ?? 50_000);
const ROUNDS = Number(process.env.LEXPACT_PROGRAMME_BENCH_ROUNDS ?? 40);
const SEED = Number(process.env.LEXPACT_PROGRAMME_BENCH_SEED ?? 20060101);
const WARM_UP = 3;
const CHUNK = 1_000;

const ORGANIZATION_COUNT = 30;
const STATE_DONORS = 30;
const ORGANIZATION_DONORS = 10;
const PROJECT_COUNT = 150;
const TRANSACTION_COUNT = 5_000;
const FIRST_DAY = '2006-01-01';
const LAST_DAY = '2025-12-31';
/** Activities starting in this year or later are still to come: planned or confirmed. */
const PLANNING_YEAR = '2025-01-01';
const CURRENCIES: Record<string, number> = {
  EUR: 1.25,
  GBP: 1.7,
  NOK: 0.16,
  SEK: 0.14,
  JPY: 0.0095,
  CAD: 0.85,
  AUD: 0.8,
  CHF: 0.9,
  DKK: 0.17,
};
const REGIONS = ['002', '019', '142', '150', '009'];
const WORKSHOP_TYPES: ActivityType[] = [
  'national_workshop',
  'subregional_workshop',
  'regional_workshop',
  'international_workshop',
  'legislative_drafting_workshop',
];

/** How often each type occurs: national workshops most. */
const TYPE_WEIGHTS: Record<ActivityType, number> = {
  national_workshop: 34,
  subregional_workshop: 8,
  regional_workshop: 10,
  international_workshop: 3,
  legislative_drafting_workshop: 8,
  advisory_mission: 11,
  training_of_trainers: 5,
  online_course: 6,
  mock_trial: 4,
  expert_group_meeting: 6,
  joint_country_visit: 5,
};
const TYPE_LABELS: Record<ActivityType, string> = {
  national_workshop: 'National workshop',
  subregional_workshop: 'Subregional workshop',
  regional_workshop: 'Regional workshop',
  international_workshop: 'International workshop',
  legislative_drafting_workshop: 'Legislative drafting workshop',
  advisory_mission: 'Advisory mission',
  training_of_trainers: 'Training of trainers',
  online_course: 'Online course',
  mock_trial: 'Mock trial',
  expert_group_meeting: 'Expert group meeting',
  joint_country_visit: 'Joint country visit',
};
const THEME_LABELS: Record<(typeof THEMES)[number], string> = {
  financing_of_terrorism: 'countering the financing of terrorism',
  cbrn: 'chemical, biological, radiological and nuclear terrorism',
  civil_aviation: 'civil aviation security',
  maritime: 'maritime security',
  use_of_internet: 'terrorist use of the internet',
  victims: 'support to victims of terrorism',
  human_rights: 'human rights in criminal justice responses',
  foreign_terrorist_fighters: 'foreign terrorist fighters',
};

/* Deterministic randomness */

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof helpers>;
function helpers(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1]![0];
  };
  /** `count` distinct items, in random order. */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + Math.floor(next() * 4)).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, weighted, sample, uuid };
}

/* Dates as day numbers since 1970-01-01 (UTC) */

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const FIRST = dayOf(FIRST_DAY);
const LAST = dayOf(LAST_DAY);

/* Generation */

interface Country {
  id: string;
  name: string;
  region: string;
  subregion: string;
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function generate(db: Db, rnd: Random) {
  const countryRows = await db
    .select({
      id: participants.id,
      region: participants.regionM49,
      subregion: participants.subregionM49,
      name: participantTranslations.name,
    })
    .from(participants)
    .leftJoin(
      participantTranslations,
      sql`${participantTranslations.participantId} = ${participants.id} and ${participantTranslations.lang} = 'en'`,
    )
    .where(like(participants.kind, '%state'))
    .orderBy(participants.id);
  const countries: Country[] = countryRows
    .filter((c) => c.region)
    .map((c) => ({ id: c.id, name: c.name ?? c.id, region: c.region!, subregion: c.subregion ?? c.region! }));
  if (countries.length < 200)
    console.log(
      `beneficiary countries: ${countries.length} (every state with a region; fewer than 200 in the reference data)`,
    );
  const byRegion = new Map<string, Country[]>();
  const bySubregion = new Map<string, Country[]>();
  for (const c of countries) {
    byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
    bySubregion.set(c.subregion, [...(bySubregion.get(c.subregion) ?? []), c]);
  }
  const regionKeys = [...byRegion.keys()].sort();
  const instrumentIds = (await db.select({ id: instruments.id }).from(instruments).orderBy(instruments.id)).map(
    (r) => r.id,
  );

  // Organisations: a few UN offices, the rest partners.
  const unNames = [
    'UNODC Terrorism Prevention Branch',
    'UNODC Regional Office for West and Central Africa',
    'UNODC Regional Office for South Asia',
    'UNODC Regional Office for the Middle East and North Africa',
    'UNODC Programme Office in Central Asia',
    'UN Counter-Terrorism Centre',
  ];
  const orgRows = Array.from({ length: ORGANIZATION_COUNT }, (_, i) => ({
    id: rnd.uuid(),
    name: unNames[i] ?? `Partner institute ${String(i - unNames.length + 1).padStart(2, '0')}`,
    kind: i < unNames.length ? 'un' : 'partner',
  }));
  await db.insert(organizations).values(orgRows);
  // UN offices organise most activities.
  const organizerWeights = Object.fromEntries(orgRows.map((o, i) => [o.id, i < unNames.length ? 12 - i : 1])) as Record<
    string,
    number
  >;

  // Donors: 30 states and 10 organisations.
  const donorRows = [
    ...rnd
      .sample(countries, STATE_DONORS)
      .map((c) => ({ id: rnd.uuid(), kind: 'state', participantId: c.id, name: null })),
    ...Array.from({ length: ORGANIZATION_DONORS }, (_, i) => ({
      id: rnd.uuid(),
      kind: 'organization',
      participantId: null,
      name: `Donor foundation ${String(i + 1).padStart(2, '0')}`,
    })),
  ];
  await db.insert(donors).values(donorRows);
  const donorIds = donorRows.map((d) => d.id);

  // Projects, spread over 2006–2025: two to six years each.
  const projectRows = Array.from({ length: PROJECT_COUNT }, (_, i) => {
    const start = FIRST + Math.floor((i / PROJECT_COUNT) * (LAST - FIRST - 365)) + rnd.int(0, 60);
    const end = Math.min(LAST, start + rnd.int(2 * 365, 6 * 365));
    const scope = rnd.weighted({ global: 2, regional: 5, national: 3 });
    const region = rnd.pick(regionKeys);
    const themes = rnd.sample(THEMES, rnd.int(1, 3));
    return {
      id: rnd.uuid(),
      code: `PRJ-${String(i + 1).padStart(3, '0')}`,
      title: `Strengthening the legal regime against terrorism: ${THEME_LABELS[themes[0]!]} (${i + 1})`,
      scope,
      startDate: isoOf(start),
      endDate: end >= LAST && rnd.next() < 0.5 ? null : isoOf(end),
      organizationId: rnd.pick(orgRows).id,
      themes,
      regions: scope === 'global' ? [] : [region],
      countries: scope === 'national' ? [rnd.pick(byRegion.get(region)!).id] : [],
      budgetAmount: rnd.int(200, 8_000) * 1_000,
      budgetCurrency: rnd.pick(['USD', 'USD', 'EUR', 'GBP']),
    };
  });
  await insertChunked(projectRows, (chunk) => db.insert(projects).values(chunk));
  const projectSpan = projectRows.map((p) => ({
    id: p.id,
    from: dayOf(p.startDate),
    to: p.endDate ? dayOf(p.endDate) : LAST,
  }));
  const projectsOn = (day: number) => projectSpan.filter((p) => p.from <= day && p.to >= day);

  // Rates: one a year per currency, a random walk around a plausible value.
  const rateRows: Rate[] = [];
  for (const [currency, base] of Object.entries(CURRENCIES)) {
    let value = base;
    for (let year = 2006; year <= 2025; year++) {
      rateRows.push({ currency, validFrom: `${year}-01-01`, usdPerUnit: Number(value.toFixed(8)) });
      value *= 1 + (rnd.next() - 0.5) * 0.16;
    }
  }
  await insertChunked(rateRows, (chunk) => db.insert(currencyRates).values(chunk));

  // Transactions: pledges, commitments and incoming funds from donors; disbursements and expenditure on projects.
  const typeWeights: Record<TransactionType, number> = {
    pledge: 12,
    commitment: 13,
    incoming_funds: 35,
    disbursement: 10,
    expenditure: 30,
  };
  const transactionRows = Array.from({ length: TRANSACTION_COUNT }, () => {
    const type = rnd.weighted(typeWeights);
    const fromDonor = type === 'pledge' || type === 'commitment' || type === 'incoming_funds';
    const earmarking = fromDonor ? rnd.weighted({ project: 40, theme: 12, region: 10, general: 38 }) : 'project';
    const project = earmarking === 'project' ? rnd.pick(projectSpan) : null;
    const day = project ? rnd.int(project.from, project.to) : rnd.int(FIRST, LAST);
    const currency = rnd.next() < 0.45 ? 'USD' : rnd.pick(Object.keys(CURRENCIES));
    const amount = rnd.int(1_000, 2_000_000) + rnd.int(0, 99) / 100;
    const date = isoOf(day);
    const usdRate = rateOn(rateRows, currency, date)!;
    return {
      id: rnd.uuid(),
      type,
      donorId: fromDonor ? rnd.pick(donorIds) : null,
      projectId: project?.id ?? null,
      date,
      amount,
      currency,
      usdRate,
      usdAmount: toUsd(amount, usdRate),
      earmarking,
      earmarkTheme: earmarking === 'theme' ? rnd.pick(THEMES) : null,
      earmarkRegion: earmarking === 'region' ? rnd.pick(REGIONS) : null,
      description: null,
    };
  });
  await insertChunked(transactionRows, (chunk) => db.insert(transactions).values(chunk));

  // Activities, uniform over the 20 years with a slight growth (the last year has ~1.4 times the first's).
  const growth = 0.4;
  const span = LAST - FIRST + 1;
  type ActivityRow = typeof activities.$inferInsert;
  type CountryRow = typeof activityCountries.$inferInsert;
  let activityBatch: ActivityRow[] = [];
  const countryBatch: CountryRow[] = [];
  let activityTotal = 0;
  let countryTotal = 0;
  const flush = async (force: boolean) => {
    if (activityBatch.length >= CHUNK || (force && activityBatch.length)) {
      await db.insert(activities).values(activityBatch);
      activityTotal += activityBatch.length;
      activityBatch = [];
    }
    // Countries after their activities (foreign key); whole chunks of ~1,000 rows.
    while (countryBatch.length >= CHUNK && activityBatch.length === 0) {
      await db.insert(activityCountries).values(countryBatch.splice(0, CHUNK));
      countryTotal += CHUNK;
    }
    if (force && countryBatch.length) {
      countryTotal += countryBatch.length;
      await db.insert(activityCountries).values(countryBatch.splice(0));
    }
  };
  const statusCounts = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (let i = 0; i < ACTIVITY_COUNT; i++) {
    const type = rnd.weighted(TYPE_WEIGHTS);
    const online = type === 'online_course';
    const duration = online ? rnd.int(5, 60) : rnd.int(1, 5);
    const u = rnd.next();
    const t = (-1 + Math.sqrt(1 + 2 * growth * u * (1 + growth / 2))) / growth;
    const start = FIRST + Math.min(span - duration, Math.floor(t * (span - duration + 1)));
    const end = start + duration - 1;
    let beneficiaries: Country[];
    if (type === 'regional_workshop' || type === 'subregional_workshop') {
      const region = rnd.pick(regionKeys);
      let pool = byRegion.get(region)!;
      if (type === 'subregional_workshop') {
        const subregion = bySubregion.get(rnd.pick(pool).subregion)!;
        if (subregion.length >= 3) pool = subregion;
      }
      beneficiaries = rnd.sample(pool, rnd.int(3, 12));
    } else {
      const first = rnd.pick(countries);
      beneficiaries =
        rnd.next() < 0.25 ? [first, rnd.pick(byRegion.get(first.region)!.filter((c) => c !== first))] : [first];
    }
    const startIso = isoOf(start);
    const status =
      startIso >= PLANNING_YEAR
        ? rnd.weighted({ planned: 45, confirmed: 45, postponed: 6, cancelled: 4 })
        : rnd.weighted({ delivered: 92, postponed: 3, cancelled: 5 });
    statusCounts[status]!++;
    const themes = rnd.sample(THEMES, rnd.int(1, 3));
    const total = rnd.int(10, 80);
    const women = rnd.int(0, total);
    const men = rnd.int(0, total - women);
    const professions: Record<string, number> = {};
    let left = rnd.int(0, total);
    for (const profession of rnd.sample(PROFESSIONS, rnd.int(1, PROFESSIONS.length))) {
      const n = rnd.int(0, left);
      if (n > 0) professions[profession] = n;
      left -= n;
    }
    const activeProjects = rnd.next() < 0.7 ? projectsOn(start) : [];
    const organization = rnd.weighted(organizerWeights);
    const partnerCount = rnd.pick([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const id = rnd.uuid();
    const where = beneficiaries.length === 1 ? beneficiaries[0]!.name : `${beneficiaries.length} countries`;
    activityBatch.push({
      id,
      code: `ACT-${String(i + 1).padStart(6, '0')}`,
      title: `${TYPE_LABELS[type]} on ${THEME_LABELS[themes[0]!]}, ${where}`,
      type,
      status,
      startDate: startIso,
      endDate: isoOf(end),
      online,
      venueCity: online ? null : `City ${rnd.int(1, 400)}`,
      venueCountry: online ? null : beneficiaries[0]!.id,
      organizationId: organization,
      partners: rnd
        .sample(
          orgRows.filter((o) => o.id !== organization),
          partnerCount,
        )
        .map((o) => o.name),
      themes,
      instruments: rnd.next() < 0.4 ? rnd.sample(instrumentIds, rnd.int(1, 2)) : [],
      projectId: activeProjects.length ? rnd.pick(activeProjects).id : null,
      donorIds: rnd.sample(donorIds, rnd.int(0, 2)),
      languages: rnd.next() < 0.3 ? ['en', rnd.pick(['fr', 'es', 'ar', 'ru', 'zh'])] : ['en'],
      participantsTotal: total,
      participantsWomen: women,
      participantsMen: men,
      professions,
      institutions: [],
      notes: null,
    });
    for (const c of beneficiaries)
      countryBatch.push({ activityId: id, participantId: c.id, startDate: startIso, endDate: isoOf(end) });
    await flush(false);
  }
  await flush(true);
  return {
    countries,
    organizations: orgRows.length,
    donors: donorRows.length,
    projects: projectRows.length,
    rates: rateRows.length,
    transactions: transactionRows.length,
    activities: activityTotal,
    activityCountries: countryTotal,
    statusCounts,
  };
}

/* Measurements */

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface Measure {
  name: string;
  /** One run with fresh random parameters; returns a short description of the work done. */
  run: () => Promise<Record<string, number>>;
}

async function measure({ name, run }: Measure) {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  const work = new Map<string, number>();
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const result = await run();
    times.push(performance.now() - started);
    for (const [key, value] of Object.entries(result)) work.set(key, (work.get(key) ?? 0) + value);
  }
  const mean = [...work].map(([key, total]) => `${key} ${Math.round(total / ROUNDS).toLocaleString('en')}`).join(', ');
  return { name, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), mean };
}

function measures(db: Db, dataset: StatusDataset, rnd: Random): Measure[] {
  const month = () => `${rnd.int(2007, 2024)}-${String(rnd.int(1, 12)).padStart(2, '0')}`;
  const matrix = (query: () => MatrixQuery) => async () => {
    const result = await activityMatrix(db, dataset, query(), 'en');
    const countries = result.regions.reduce((n, r) => n + r.subregions.reduce((m, s) => m + s.countries.length, 0), 0);
    return { countries, activities: result.activityCount };
  };
  // Two years from the first of a month, within 2006–2020.
  const window = () => {
    const k = rnd.int(0, 13 * 12);
    return { from: isoOf(Date.UTC(2006, k, 1) / DAY_MS), to: isoOf(Date.UTC(2006, k + 24, 0) / DAY_MS) };
  };
  const year = () => rnd.int(2006, 2025);
  return [
    { name: 'matrix 12 months', run: matrix(() => ({ start: month(), months: 12 })) },
    {
      name: 'matrix 12 months, region',
      run: matrix(() => ({ start: month(), months: 12, region: rnd.pick(REGIONS) })),
    },
    { name: 'matrix 12 months, theme', run: matrix(() => ({ start: month(), months: 12, theme: rnd.pick(THEMES) })) },
    { name: 'matrix 36 months', run: matrix(() => ({ start: month(), months: 36 })) },
    {
      name: 'cohort 2 years, all types, set 19',
      run: async () => {
        const result = await cohort(db, dataset, { ...window(), types: [], set: 19, asOf: LAST_DAY }, 'en');
        return { assisted: result.assisted, 'became party': result.becameParty ?? -1 };
      },
    },
    {
      name: 'cohort 2 years, 3 workshop types, all',
      run: async () => {
        const result = await cohort(
          db,
          dataset,
          { ...window(), types: rnd.sample(WORKSHOP_TYPES, 3), set: 'all', asOf: LAST_DAY },
          'en',
        );
        return { assisted: result.assisted, 'became party': result.becameParty ?? -1 };
      },
    },
    {
      name: 'indicators, one year',
      run: async () => {
        const y = year();
        const result = await indicators(db, dataset, { from: `${y}-01-01`, to: `${y}-12-31` }, 'en');
        return { delivered: result.activitiesDelivered, countries: result.countriesAssisted };
      },
    },
    {
      name: 'donor table + project funding, year',
      run: async () => {
        const y = year();
        const period = { from: `${y}-01-01`, to: `${y}-12-31` };
        const table = await donorTableFor(db, period, 'en');
        const byProject = await fundingByProject(db, period);
        return { donors: table.rows.length, projects: byProject.length };
      },
    },
  ];
}

async function openEngine(): Promise<DatabaseHandle> {
  if (ENGINE !== 'postgres' || !process.env.LEXPACT_PROGRAMME_BENCH_KEEP) return freshDatabase(ENGINE);
  const created = await createPostgresDatabase({ adminUrl: POSTGRES_ADMIN_URL, prefix: 'lexpact_bench_kept' });
  const handle = await openPostgres(created.url);
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      console.log(`kept ${created.url}`);
    },
  };
}

export async function benchProgramme() {
  const handle = await openEngine();
  try {
    const { db } = handle;
    console.log(
      `engine ${ENGINE}; seed ${SEED}; ${ACTIVITY_COUNT.toLocaleString('en')} activities; ${ROUNDS} rounds after ${WARM_UP} warm-up runs`,
    );
    let started = performance.now();
    const seeded = await seedDatabase({ db });
    console.log(
      `reference data: ${seeded.participants} participants, ${seeded.instruments} instruments, ${seeded.snapshot.counts.added.toLocaleString('en')} treaty actions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    started = performance.now();
    const counts = await generate(db, helpers(SEED));
    const generated = (performance.now() - started) / 1000;
    started = performance.now();
    await db.execute(sql`analyze`);
    const analyzed = (performance.now() - started) / 1000;
    console.log(
      `generated in ${generated.toFixed(1)} s (analyze ${analyzed.toFixed(1)} s): ${counts.countries.length} beneficiary countries, ${counts.organizations} organisations, ` +
        `${counts.donors} donors, ${counts.projects} projects, ${counts.rates} rates, ${counts.transactions.toLocaleString('en')} transactions, ` +
        `${counts.activities.toLocaleString('en')} activities, ${counts.activityCountries.toLocaleString('en')} activity countries`,
    );
    console.log(
      `activity statuses: ${Object.entries(counts.statusCounts)
        .map(([s, n]) => `${s} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );

    started = performance.now();
    const dataset = await loadDataset(db);
    console.log(`status dataset loaded once in ${Math.round(performance.now() - started)} ms`);

    const results = [];
    for (const m of measures(db, dataset, helpers(SEED + 1))) results.push(await measure(m));
    const width = Math.max(...results.map((r) => r.name.length));
    console.log(
      `\n  ${'query'.padEnd(width)}   ${'p50 ms'.padStart(7)}   ${'p95 ms'.padStart(7)}   ${'max ms'.padStart(7)}   work per run (mean)`,
    );
    for (const r of results) {
      console.log(
        `  ${r.name.padEnd(width)}   ${r.p50.toFixed(1).padStart(7)}   ${r.p95.toFixed(1).padStart(7)}   ${r.max.toFixed(1).padStart(7)}   ${r.mean}`,
      );
    }
    console.log('target: matrix and cohort p95 < 300 ms on PostgreSQL');
    return results;
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchProgramme();
