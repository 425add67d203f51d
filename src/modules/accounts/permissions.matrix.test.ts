import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { createOrganization, createUser, sessionHeaders, tokenHeaders } from '../../../test/helpers/accounts.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { fundTwoDonors } from '../../../test/helpers/funding.ts';

/**
 * Every /api/v1 route × every kind of caller. The expected column is written here by hand, not
 * derived from the policy module, so that a policy change or a new route must be looked at: a route
 * missing from this table fails the test.
 */
const EXPECTED: Record<string, Access> = {
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/instruments': 'public',
  'GET /api/v1/instruments/:id': 'public',
  'GET /api/v1/participants': 'public',
  'GET /api/v1/participants/resolve': 'public',
  'GET /api/v1/participants/:code': 'public',
  'GET /api/v1/regions': 'public',
  'GET /api/v1/instruments/:id/parties': 'public',
  'GET /api/v1/instruments/:id/timeline': 'public',
  'GET /api/v1/participants/:code/status': 'public',
  'GET /api/v1/status/compare': 'public',
  'GET /api/v1/status/matrix': 'public',
  'GET /api/v1/status/overview': 'public',
  'GET /api/v1/status/changes': 'public',
  'GET /api/v1/status/changes.atom': 'public',
  'GET /api/v1/status/snapshots': 'public',
  'GET /api/v1/auth/session': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/password-reset/complete': 'public',
  'POST /api/v1/auth/invitation/accept': 'public',
  'GET /api/v1/auth/oidc/start': 'public',
  'GET /api/v1/auth/oidc/callback': 'public',
  'POST /api/v1/auth/sign-out': 'signed-in',
  'POST /api/v1/auth/sign-out-everywhere': 'signed-in',
  'GET /api/v1/account': 'signed-in',
  'PATCH /api/v1/account': 'signed-in',
  'POST /api/v1/account/password': 'signed-in',
  'GET /api/v1/account/sessions': 'signed-in',
  'DELETE /api/v1/account/sessions/:id': 'signed-in',
  'POST /api/v1/account/sessions/end-others': 'signed-in',
  'GET /api/v1/account/tokens': 'signed-in',
  'POST /api/v1/account/tokens': 'signed-in',
  'DELETE /api/v1/account/tokens/:id': 'signed-in',
  'GET /api/v1/admin/users': 'admin',
  'POST /api/v1/admin/users': 'admin',
  'GET /api/v1/admin/users/:id': 'admin',
  'PATCH /api/v1/admin/users/:id': 'admin',
  'DELETE /api/v1/admin/users/:id': 'admin',
  'POST /api/v1/admin/users/:id/restore': 'admin',
  'POST /api/v1/admin/users/:id/invitation': 'admin',
  'GET /api/v1/admin/organizations': 'admin',
  'POST /api/v1/admin/organizations': 'admin',
  'DELETE /api/v1/admin/organizations/:id': 'admin',
  'POST /api/v1/admin/organizations/:id/restore': 'admin',
  'GET /api/v1/admin/outbox': 'admin',
  'GET /api/v1/admin/audit': 'admin',
  'GET /api/v1/library/search': 'public',
  'GET /api/v1/library/documents/:id': 'public',
  'GET /api/v1/library/documents/:id/versions/:versionId/text': 'public',
  'GET /api/v1/library/documents/:id/files/:fileId': 'public',
  'GET /api/v1/library/documents/:id/akn': 'public',
  'GET /api/v1/library/documents/:id/export.json': 'public',
  'GET /api/v1/library/citing': 'public',
  'GET /api/v1/library/recent': 'public',
  'GET /api/v1/library/feed.atom': 'public',
  'POST /api/v1/library/documents': 'editor',
  'PUT /api/v1/library/documents/:id': 'editor',
  'POST /api/v1/library/documents/:id/versions': 'editor',
  'DELETE /api/v1/library/documents/:id': 'editor',
  'GET /api/v1/programme/options': 'signed-in',
  'GET /api/v1/programme/activities': 'signed-in',
  'GET /api/v1/programme/activities/:id': 'signed-in',
  'POST /api/v1/programme/activities': 'programme-writer',
  'PUT /api/v1/programme/activities/:id': 'programme-writer',
  'DELETE /api/v1/programme/activities/:id': 'programme-writer',
  'POST /api/v1/programme/activities/overlaps': 'signed-in',
  'GET /api/v1/programme/countries/:code/activities': 'signed-in',
  'GET /api/v1/programme/matrix': 'signed-in',
  'GET /api/v1/programme/indicators': 'signed-in',
  'GET /api/v1/programme/indicators/cohort': 'signed-in',
  'GET /api/v1/programme/outcomes': 'signed-in',
  'POST /api/v1/programme/outcomes': 'programme-writer',
  'GET /api/v1/programme/rates': 'funding-reader',
  'POST /api/v1/programme/rates': 'admin',
  'DELETE /api/v1/programme/rates/:id': 'admin',
  'GET /api/v1/programme/donors': 'funding-reader',
  'POST /api/v1/programme/donors': 'funding-writer',
  'GET /api/v1/programme/projects': 'funding-reader',
  'GET /api/v1/programme/projects/:id': 'funding-reader',
  'POST /api/v1/programme/projects': 'funding-writer',
  'PUT /api/v1/programme/projects/:id': 'funding-writer',
  'DELETE /api/v1/programme/projects/:id': 'funding-writer',
  'POST /api/v1/programme/indicators': 'funding-writer',
  'PUT /api/v1/programme/indicators/:id': 'funding-writer',
  'GET /api/v1/programme/transactions': 'funding-reader',
  'POST /api/v1/programme/transactions': 'funding-writer',
  'DELETE /api/v1/programme/transactions/:id': 'funding-writer',
  'GET /api/v1/programme/funding/projects': 'funding-reader',
  'GET /api/v1/programme/funding/donors': 'funding-reader',
  'POST /api/v1/programme/activities/import': 'programme-writer',
  'GET /api/v1/programme/import/mappings': 'programme-writer',
  'POST /api/v1/programme/import/mappings': 'programme-writer',
};

/**
 * editor: the roles that add and change library documents (administrators, programme officers, partners, officials).
 * programme-writer: administrators, programme officers and partners (activities, outcomes).
 * funding-reader: administrators, programme officers and donors; funding-writer: administrators and programme officers.
 */
type Access = 'public' | 'signed-in' | 'editor' | 'admin' | 'programme-writer' | 'funding-reader' | 'funding-writer';
type Caller = {
  name: string;
  headers: (write: boolean) => Promise<Record<string, string>>;
  admin: boolean;
  signedIn: boolean;
  readOnlyToken: boolean;
  donor?: boolean;
  role?: string;
};

const ROLES_OF: Partial<Record<Access, readonly string[]>> = {
  'programme-writer': ['programme_officer', 'partner'],
  'funding-reader': ['programme_officer', 'donor'],
  'funding-writer': ['programme_officer'],
};

const SAFE = new Set(['GET', 'HEAD']);

/**
 * Every route a donor may read, and what bounds it: `scoped` routes show a donor only what its donor
 * record funded (README, roles); `aggregate` ones give programme-wide figures and no record;
 * `reference` is the rate table. Written by hand for the same reason as EXPECTED.
 */
const DONOR_READS: Record<string, 'scoped' | 'aggregate' | 'reference'> = {
  'GET /api/v1/programme/options': 'scoped',
  'GET /api/v1/programme/activities': 'scoped',
  'GET /api/v1/programme/activities/:id': 'scoped',
  'POST /api/v1/programme/activities/overlaps': 'scoped',
  'GET /api/v1/programme/countries/:code/activities': 'scoped',
  'GET /api/v1/programme/matrix': 'scoped',
  'GET /api/v1/programme/indicators': 'aggregate',
  'GET /api/v1/programme/indicators/cohort': 'aggregate',
  'GET /api/v1/programme/outcomes': 'scoped',
  'GET /api/v1/programme/rates': 'reference',
  'GET /api/v1/programme/donors': 'scoped',
  'GET /api/v1/programme/projects': 'scoped',
  'GET /api/v1/programme/projects/:id': 'scoped',
  'GET /api/v1/programme/transactions': 'scoped',
  'GET /api/v1/programme/funding/projects': 'scoped',
  'GET /api/v1/programme/funding/donors': 'scoped',
};

/** 200-range, 3xx, 400, 404 and 409 all mean the caller got through the policy; 401 and 403 mean refused. */
function expectedStatus(expected: Access, caller: Caller, method: string): 'allowed' | 401 | 403 {
  if (expected === 'public') return 'allowed';
  if (!caller.signedIn) return 401;
  if (caller.readOnlyToken && !SAFE.has(method)) return 403;
  if (expected === 'admin' && !caller.admin) return 403;
  if (expected === 'editor' && caller.donor) return 403;
  const roles = ROLES_OF[expected];
  if (roles && !caller.admin && !roles.includes(caller.role ?? '')) return 403;
  return 'allowed';
}

describe('permissions: every route × every role', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let callers: Caller[];
  let funding: Awaited<ReturnType<typeof fundTwoDonors>>;
  let users: Record<'officer' | 'norwayDonor' | 'unlinkedDonor', Awaited<ReturnType<typeof createUser>>>;

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    const orgA = await createOrganization(db, 'Organisation A');
    const orgB = await createOrganization(db, 'Organisation B');
    const admin = await createUser(db, { email: 'admin@example.org', role: 'administrator' });
    const people = [
      {
        name: 'programme officer',
        user: await createUser(db, {
          email: 'officer@example.org',
          role: 'programme_officer',
          organizationId: orgA.id,
        }),
      },
      {
        name: 'partner',
        user: await createUser(db, { email: 'partner@example.org', role: 'partner', organizationId: orgA.id }),
      },
      {
        name: 'partner of another organisation',
        user: await createUser(db, { email: 'partner-b@example.org', role: 'partner', organizationId: orgB.id }),
      },
      {
        name: 'donor',
        user: await createUser(db, { email: 'donor@example.org', role: 'donor', organizationId: orgA.id }),
      },
      {
        name: 'member-state official',
        user: await createUser(db, { email: 'ner@example.org', role: 'member_state_official', participantId: 'NER' }),
      },
      {
        name: 'official of another country',
        user: await createUser(db, { email: 'mli@example.org', role: 'member_state_official', participantId: 'MLI' }),
      },
    ];
    const clock = TEST_CLOCK;
    funding = await fundTwoDonors(context.app, await sessionHeaders(db, clock, people[0]!.user, true), orgA.id);
    users = {
      officer: people[0]!.user,
      unlinkedDonor: people[3]!.user,
      norwayDonor: await createUser(db, {
        email: 'nor@example.org',
        role: 'donor',
        participantId: 'NOR',
        donorId: funding.norway,
      }),
    };
    callers = [
      { name: 'anonymous', headers: async () => ({}), admin: false, signedIn: false, readOnlyToken: false },
      {
        name: 'administrator',
        headers: (write) => sessionHeaders(db, clock, admin, write),
        admin: true,
        signedIn: true,
        readOnlyToken: false,
      },
      ...people.map(({ name, user }) => ({
        name,
        headers: (write: boolean) => sessionHeaders(db, clock, user, write),
        admin: false,
        signedIn: true,
        readOnlyToken: false,
        donor: name === 'donor',
        role: user.role,
      })),
      {
        name: 'administrator with a read-only API token',
        headers: () => tokenHeaders(db, clock, admin, 'read'),
        admin: true,
        signedIn: true,
        readOnlyToken: true,
      },
      {
        name: 'administrator with a read-write API token',
        headers: () => tokenHeaders(db, clock, admin, 'read-write'),
        admin: true,
        signedIn: true,
        readOnlyToken: false,
      },
      {
        name: 'partner with a read-write API token',
        headers: () => tokenHeaders(db, clock, people[1]!.user, 'read-write'),
        admin: false,
        signedIn: true,
        readOnlyToken: false,
        role: 'partner',
      },
    ];
  });
  afterAll(async () => {
    await context?.close();
  });

  it('knows every route the application serves, and every route it knows still exists', () => {
    const served = context.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(served).toEqual(Object.keys(EXPECTED).sort());
  });

  it('allows or refuses each caller on each route as expected', async () => {
    const cells: string[] = [];
    for (const route of context.app.apiRoutes) {
      const url = route.url
        .replace(/:(id|versionId|fileId)/g, '00000000-0000-4000-8000-000000000000')
        .replace(':code', 'NER');
      const expected = EXPECTED[`${route.method} ${route.url}`]!;
      for (const caller of callers) {
        const write = !SAFE.has(route.method);
        const response = await context.app.inject({
          method: route.method as 'GET',
          url,
          headers: await caller.headers(write),
          ...(write ? { payload: {} } : {}),
        });
        const want = expectedStatus(expected, caller, route.method);
        const got =
          response.statusCode === 401 || response.statusCode === 403
            ? response.statusCode
            : response.statusCode >= 500
              ? `error ${response.statusCode}`
              : 'allowed';
        if (got !== want)
          cells.push(
            `${route.method} ${route.url} as ${caller.name}: expected ${want}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
      }
    }
    expect(cells).toEqual([]);
  });

  it('names every route a donor may read, and how its records are bounded', () => {
    const donorReadable = context.app.apiRoutes
      .filter((r) => r.policy === 'programme.read' || r.policy === 'funding.read')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(donorReadable).toEqual(Object.keys(DONOR_READS).sort());
  });

  it('shows a donor no record another donor funded on any scoped route, and an unlinked donor no record at all', async () => {
    const { projectA, projectB, activityA, activityB, activityNorway, outcomeB, norway, eu } = funding;
    // Fresh sessions: the matrix above signs every caller out everywhere.
    const session = (user: Awaited<ReturnType<typeof createUser>>) =>
      sessionHeaders(context.database.db, TEST_CLOCK, user, true);
    const [officer, norwayDonor, unlinkedDonor] = [
      await session(users.officer),
      await session(users.norwayDonor),
      await session(users.unlinkedDonor),
    ];
    const ofEu = [projectB, 'GLO/B', activityB, 'Workshop of project B', outcomeB, eu, 'European Union'];
    const ofNorway = [
      projectA,
      'GLO/A',
      activityA,
      'Workshop of project A',
      activityNorway,
      'Mission paid by Norway',
      norway,
    ];
    const overlapQuery = {
      startDate: '2013-05-06',
      endDate: '2013-05-08',
      countries: ['NER'],
      themes: [],
      organizationId: '00000000-0000-4000-8000-000000000000',
    };
    const probes: Record<string, { url: string; payload?: object }[]> = {
      'GET /api/v1/programme/options': [{ url: '/programme/options' }],
      'GET /api/v1/programme/activities': [
        { url: '/programme/activities' },
        { url: '/programme/activities?format=csv' },
      ],
      'GET /api/v1/programme/activities/:id': [{ url: `/programme/activities/${activityB}` }],
      'POST /api/v1/programme/activities/overlaps': [{ url: '/programme/activities/overlaps', payload: overlapQuery }],
      'GET /api/v1/programme/countries/:code/activities': [{ url: '/programme/countries/NER/activities' }],
      'GET /api/v1/programme/matrix': [{ url: '/programme/matrix?start=2013-05&months=1' }],
      'GET /api/v1/programme/outcomes': [{ url: '/programme/outcomes' }],
      'GET /api/v1/programme/donors': [{ url: '/programme/donors' }],
      'GET /api/v1/programme/projects': [{ url: '/programme/projects' }],
      'GET /api/v1/programme/projects/:id': [{ url: `/programme/projects/${projectB}` }],
      'GET /api/v1/programme/transactions': [{ url: '/programme/transactions' }],
      'GET /api/v1/programme/funding/projects': [
        { url: '/programme/funding/projects' },
        { url: '/programme/funding/projects?format=csv' },
      ],
      'GET /api/v1/programme/funding/donors': [
        { url: '/programme/funding/donors' },
        { url: '/programme/funding/donors?format=csv' },
      ],
    };
    expect(Object.keys(probes).sort()).toEqual(
      Object.keys(DONOR_READS)
        .filter((k) => DONOR_READS[k] === 'scoped')
        .sort(),
    );
    const leaks: string[] = [];
    for (const [route, requests] of Object.entries(probes)) {
      for (const { url, payload } of requests) {
        const call = (headers: Record<string, string>) =>
          context.app.inject({
            method: payload ? 'POST' : 'GET',
            url: `/api/v1${url}`,
            headers,
            ...(payload ? { payload } : {}),
          });
        const [asOfficer, asNorway, asUnlinked] = [
          await call(officer),
          await call(norwayDonor),
          await call(unlinkedDonor),
        ];
        // The officer's answer shows the other donor's records, so the probe would see a leak.
        if (!ofEu.some((marker) => asOfficer.body.includes(marker)))
          leaks.push(`${route} ${url}: the officer sees nothing of the EU's, the probe proves nothing`);
        for (const marker of ofEu)
          if (asNorway.body.includes(marker)) leaks.push(`${route} ${url}: Norway's donor sees ${marker}`);
        for (const marker of [...ofEu, ...ofNorway])
          if (asUnlinked.body.includes(marker)) leaks.push(`${route} ${url}: an unlinked donor sees ${marker}`);
        if (url.includes(activityB) || url.includes(projectB))
          expect([asOfficer.statusCode, asNorway.statusCode], url).toEqual([200, 404]);
        else expect([asNorway.statusCode, asUnlinked.statusCode], url).toEqual([200, 200]);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses a cookie-authenticated write that lacks the CSRF token of the session', async () => {
    const db = context.database.db;
    const user = await createUser(db, {
      email: 'csrf@example.org',
      role: 'partner',
      organizationId: (await createOrganization(db, 'Organisation C')).id,
    });
    const headers = await sessionHeaders(db, TEST_CLOCK, user, false);
    const refused = await context.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers,
      payload: { displayName: 'Changed' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'auth.csrf_failed' });
    const wrong = await context.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { ...headers, 'x-csrf-token': 'not-the-token' },
      payload: { displayName: 'Changed' },
    });
    expect(wrong.statusCode).toBe(403);
    const accepted = await context.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: await sessionHeaders(db, TEST_CLOCK, user, true),
      payload: { displayName: 'Changed' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ displayName: 'Changed' });
  });
});
