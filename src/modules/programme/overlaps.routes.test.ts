import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { users } from '../accounts/accounts.table.ts';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';

type Headers = Record<string, string>;

describe("overlaps are shown on both activities, and both organisations' officers are mailed once", () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let orgA: string;
  let orgB: string;
  let officerA: Headers;
  let officerB: Headers;
  let donorUser: Headers;
  let projectA: string;
  let activityA: string;
  let activityB: string;

  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) =>
    context.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const activity = (organizationId: string, overrides: Record<string, unknown> = {}) => ({
    title: 'National workshop on the financing of terrorism',
    type: 'national_workshop',
    status: 'planned',
    startDate: '2026-09-07',
    endDate: '2026-09-09',
    countries: ['NER'],
    organizationId,
    themes: ['financing_of_terrorism'],
    ...overrides,
  });
  const overlapMails = async () =>
    rowsOf<{ to: string; subject: string; body: string }>(
      await context.database.db.execute(
        sql`select "to", subject, body from outbox where body like ${'%/programme/activities/%'} order by "to"`,
      ),
    );

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    orgA = (await createOrganization(db, 'UNODC Terrorism Prevention Branch', 'un')).id;
    orgB = (await createOrganization(db, 'Partner Institute')).id;
    officerA = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'a1@example.org', role: 'programme_officer', organizationId: orgA }),
      true,
    );
    const colleague = await createUser(db, {
      email: 'a2@example.org',
      role: 'programme_officer',
      organizationId: orgA,
    });
    await db
      .update(users)
      .set({ preferredLanguage: 'fr' })
      .where(sql`${users.id} = ${colleague.id}`);
    await createUser(db, {
      email: 'a-gone@example.org',
      role: 'programme_officer',
      organizationId: orgA,
      status: 'disabled',
    });
    await createUser(db, { email: 'a-partner@example.org', role: 'partner', organizationId: orgA });
    officerB = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'b1@example.org', role: 'programme_officer', organizationId: orgB }),
      true,
    );

    // Norway funds A's project only: its donor user reads A's activity, not B's.
    const norway = (await inject('POST', '/programme/donors', officerA, { kind: 'state', participantId: 'NOR' })).json()
      .id;
    projectA = (
      await inject('POST', '/programme/projects', officerA, {
        code: 'GLO/A',
        title: 'Project A',
        scope: 'global',
        startDate: '2026-01-01',
        organizationId: orgA,
      })
    ).json().id;
    expect(
      (
        await inject('POST', '/programme/transactions', officerA, {
          type: 'pledge',
          donorId: norway,
          projectId: projectA,
          date: '2026-02-01',
          amount: 1000,
          currency: 'USD',
          earmarking: 'project',
        })
      ).statusCode,
    ).toBe(201);
    donorUser = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'nor@example.org', role: 'donor', participantId: 'NOR', donorId: norway }),
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows nothing and mails nobody while only one organisation plans', async () => {
    const created = await inject('POST', '/programme/activities', officerA, activity(orgA, { projectId: projectA }));
    expect(created.statusCode).toBe(201);
    activityA = created.json().id;
    expect(created.json().overlaps).toEqual([]);
    expect((await inject('GET', `/programme/activities/${activityA}`, officerA)).json().overlaps).toEqual([]);
    expect(await overlapMails()).toEqual([]);
  });

  it("shows the other organisation's close activity on both activities when the second one plans", async () => {
    const created = await inject(
      'POST',
      '/programme/activities',
      officerB,
      activity(orgB, {
        title: 'Advisory mission to Niamey',
        type: 'advisory_mission',
        startDate: '2026-09-14',
        endDate: '2026-09-15',
      }),
    );
    expect(created.statusCode).toBe(201);
    activityB = created.json().id;
    expect(created.json().overlaps.map((o: { id: string }) => o.id)).toEqual([activityA]);

    const readA = await inject('GET', `/programme/activities/${activityA}`, officerA);
    expect(readA.statusCode).toBe(200);
    expect(readA.json().overlaps).toEqual([
      expect.objectContaining({
        id: activityB,
        title: 'Advisory mission to Niamey',
        organizationId: orgB,
        organizationName: 'Partner Institute',
        countries: ['NER'],
        themes: ['financing_of_terrorism'],
        daysApart: 5,
      }),
    ]);
    const readB = (await inject('GET', `/programme/activities/${activityB}`, officerB)).json();
    expect(readB.overlaps).toEqual([
      expect.objectContaining({ id: activityA, organizationName: 'UNODC Terrorism Prevention Branch', daysApart: 5 }),
    ]);
  });

  it("mails each organisation's active programme officers once, in their language, with a link to their own activity", async () => {
    const mails = await overlapMails();
    expect(mails.map((m) => m.to)).toEqual(['a1@example.org', 'a2@example.org', 'b1@example.org']);
    const [a1, a2, b1] = mails as [(typeof mails)[number], (typeof mails)[number], (typeof mails)[number]];
    expect(a1.subject).toBe(
      'Another organization plans an activity close to “National workshop on the financing of terrorism”',
    );
    expect(a1.body).toContain('Partner Institute plans an activity');
    expect(a1.body).toContain('Theirs: “Advisory mission to Niamey”, September 14, 2026 – September 15, 2026');
    expect(a1.body).toContain('Countries: Niger');
    expect(a1.body).toContain(`/programme/activities/${activityA}`);
    expect(a2.subject).toBe(
      'Une autre organisation prévoit une activité proche de « National workshop on the financing of terrorism »',
    );
    expect(b1.subject).toBe('Another organization plans an activity close to “Advisory mission to Niamey”');
    expect(b1.body).toContain('UNODC Terrorism Prevention Branch plans an activity');
    expect(b1.body).toContain(`/programme/activities/${activityB}`);
  });

  it('does not mail again when either activity of an already notified pair is changed', async () => {
    expect(
      (
        await inject(
          'PUT',
          `/programme/activities/${activityB}`,
          officerB,
          activity(orgB, {
            title: 'Advisory mission to Niamey (revised)',
            startDate: '2026-09-10',
            endDate: '2026-09-11',
          }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await inject(
          'PUT',
          `/programme/activities/${activityA}`,
          officerA,
          activity(orgA, { projectId: projectA, endDate: '2026-09-10' }),
        )
      ).json().overlaps,
    ).toHaveLength(1);
    expect(await overlapMails()).toHaveLength(3);
  });

  it('mails about a new pair when a changed activity comes close to another one', async () => {
    const far = (
      await inject(
        'POST',
        '/programme/activities',
        officerB,
        activity(orgB, { title: 'Follow-up in December', startDate: '2026-12-01', endDate: '2026-12-02' }),
      )
    ).json();
    expect(far.overlaps).toEqual([]);
    expect(await overlapMails()).toHaveLength(3);
    const moved = await inject(
      'PUT',
      `/programme/activities/${far.id}`,
      officerB,
      activity(orgB, { title: 'Follow-up in December', startDate: '2026-09-21', endDate: '2026-09-22' }),
    );
    expect(moved.json().overlaps.map((o: { id: string }) => o.id)).toEqual([activityA]);
    const mails = await overlapMails();
    expect(mails).toHaveLength(6);
    expect(mails.filter((m) => m.body.includes(`/programme/activities/${far.id}`)).map((m) => m.to)).toEqual([
      'b1@example.org',
    ]);
  });

  it('never shows a donor an overlapping activity it did not fund', async () => {
    const readA = await inject('GET', `/programme/activities/${activityA}`, donorUser);
    expect(readA.statusCode).toBe(200);
    expect(readA.json().overlaps).toEqual([]);
    expect((await inject('GET', `/programme/activities/${activityB}`, donorUser)).statusCode).toBe(404);
  });
});
