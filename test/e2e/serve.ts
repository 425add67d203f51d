// Serves the built app for the browser tests on a fresh embedded database holding two snapshots,
// so that the changes page has something to show, and a partial list for one more instrument.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../src/db/client.ts';
import { readSnapshotFolder, SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS, SHIPPED_SNAPSHOT } from '../../src/db/seed.ts';
import { systemClock } from '../../src/lib/dates.ts';
import { SYSTEM_CONTEXT } from '../../src/modules/audit/audit.service.ts';
import { COMMAND_LINE_ACTOR } from '../../src/modules/library/library.documents.ts';
import { importLibraryFolder } from '../../src/modules/library/library.import.ts';
import { postgresSearchIndex } from '../../src/modules/library/search/postgres-search.ts';
import { localFileStore } from '../../src/modules/library/storage/file-store.ts';
import { seedParticipants } from '../../src/modules/participants/participants.seed.ts';
import { seedInstruments } from '../../src/modules/instruments/instruments.seed.ts';
import { importSnapshot } from '../../src/modules/status/status.import.ts';
import { buildApp, DEFAULT_WEB_DIR } from '../../src/server/app.ts';
import { activityInputSchema } from '../../src/contracts/programme.ts';
import { createActivity } from '../../src/modules/programme/activities.service.ts';
import { createOrganization, createUser } from '../helpers/accounts.ts';
import { DEFAULT_SECURITY } from '../../src/server/config.ts';

const folder = mkdtempSync(join(tmpdir(), 'lexpact-e2e-'));
const database = await openPglite(join(folder, 'db'));
const files = localFileStore(join(folder, 'files'));
await database.migrate();
await seedParticipants({ db: database.db, dataDir: SHIPPED_DATA_DIR });
await seedInstruments({ db: database.db, dataDir: SHIPPED_DATA_DIR });
const older = readSnapshotFolder(new URL('../fixtures/untc/untc-2013-12-22', import.meta.url).pathname);
await importSnapshot({
  db: database.db,
  format: 'untc',
  files: older.files,
  asOf: '2013-12-22',
  snapshotId: 'untc-2013-12-22',
});
const newest = readSnapshotFolder(join(SHIPPED_DATA_DIR, 'treaty-actions', SHIPPED_SNAPSHOT));
await importSnapshot({
  db: database.db,
  format: 'untc',
  files: newest.files,
  asOf: '2015-03-14',
  snapshotId: SHIPPED_SNAPSHOT,
});
// One action of the Tokyo Convention, not the depositary's whole list: partial data, so a State it does not name is unknown.
const tokyo = [
  'instrument_id,participant,action,date,effective_date,note,notification_ref',
  'tokyo-1963,Niger,accession,1969-06-27,,,',
].join('\n');
await importSnapshot({
  db: database.db,
  format: 'actions',
  files: [{ name: 'icao-tokyo.csv', content: Buffer.from(tokyo) }],
  asOf: '2015-01-31',
  snapshotId: 'icao-2015-01-31',
});

// People for the account pages' tests; TEST_PASSWORD is in test/helpers/accounts.ts.
const nigerJustice = await createOrganization(database.db, 'Ministry of Justice of Niger', 'government');
await createUser(database.db, { email: 'admin@lexpact.test', role: 'administrator' });
await createUser(database.db, { email: 'official@justice.ne', role: 'member_state_official', participantId: 'NER' });
await createUser(database.db, { email: 'partner@lexpact.test', role: 'partner', organizationId: nigerJustice.id });
await createUser(database.db, { email: 'locked@lexpact.test', role: 'partner', organizationId: nigerJustice.id });
// Whose profile language is Russian, for the tests of which language wins after signing in.
await createUser(database.db, {
  email: 'translator@lexpact.test',
  role: 'partner',
  organizationId: nigerJustice.id,
  preferredLanguage: 'ru',
});

// The programme: another organisation's workshop in Niger, for the overlap warning and the matrix.
const unodc = await createOrganization(database.db, 'UNODC Terrorism Prevention Branch', 'un');
const sahel = await createOrganization(database.db, 'Sahel Judicial Training Network', 'partner');
await createUser(database.db, { email: 'officer@lexpact.test', role: 'programme_officer', organizationId: unodc.id });
await createUser(database.db, { email: 'coordinator@sahel.test', role: 'partner', organizationId: sahel.id });
await createActivity(
  { db: database.db, clock: systemClock },
  COMMAND_LINE_ACTOR,
  SYSTEM_CONTEXT,
  activityInputSchema.parse({
    title: 'National workshop on countering the financing of terrorism',
    type: 'national_workshop',
    status: 'confirmed',
    startDate: '2030-03-10',
    endDate: '2030-03-12',
    venueCity: 'Niamey',
    venueCountry: 'NER',
    countries: ['NER'],
    organizationId: unodc.id,
    themes: ['financing_of_terrorism'],
  }),
);

// The shipped sample documents of the library, through its importer, as `npm start` loads them.
await importLibraryFolder(
  { db: database.db, files, search: postgresSearchIndex, clock: systemClock, maxUploadBytes: 50 * 1_048_576 },
  COMMAND_LINE_ACTOR,
  SYSTEM_CONTEXT,
  join(SHIPPED_DATA_DIR, SHIPPED_DOCUMENTS),
);

// The browser tests make many requests and sign-ins from one address: the per-address limits are raised, the account lockout is not.
const app = await buildApp({
  database,
  webDir: DEFAULT_WEB_DIR,
  security: {
    ...DEFAULT_SECURITY,
    rateLimitPerMinute: 100_000,
    accountRateLimitPerMinute: 100_000,
    authRateLimitPerMinute: 1000,
  },
  library: { fileStore: files },
});
await app.listen({ port: Number(process.env.PORT ?? 3210), host: '127.0.0.1' });
