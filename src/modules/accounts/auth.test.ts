import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import {
  createOrganization,
  createUser,
  mutableClock,
  sessionHeaders,
  signInThroughApi,
  TEST_PASSWORD,
} from '../../../test/helpers/accounts.ts';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../audit/audit.table.ts';

const START = '2026-06-30T08:00:00Z';

async function auditActions(db: Db, entityId?: string) {
  const rows = await db.select().from(auditLog).orderBy(auditLog.id);
  return rows.filter((r) => !entityId || r.entityId === entityId).map((r) => r.action);
}

async function latestMail(db: Db, to: string) {
  const result = (await db.execute(
    sql`select subject, body from outbox where "to" = ${to} order by created_at desc limit 1`,
  )) as unknown as { rows: { subject: string; body: string }[] };
  return result.rows[0];
}

const linkToken = (body: string) => /token=([^\s&]+)/.exec(body)![1]!;

describe('accounts', () => {
  const clock = mutableClock(START);
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let db: Db;
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    context = await createTestApp({ seed: true, clock });
    db = context.database.db;
    admin = await createUser(db, { email: 'admin@example.org', role: 'administrator' });
  });
  afterAll(async () => {
    await context?.close();
  });

  const inject = (options: InjectOptions) => context.app.inject(options);

  describe('invitation', () => {
    it('lets an administrator invite a member-state official, who chooses a password through the mailed link and signs in', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const invited = await inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        payload: {
          email: 'Amina@Justice.ne',
          displayName: 'Amina',
          role: 'member_state_official',
          participantId: 'ner',
          preferredLanguage: 'fr',
        },
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({ status: 'invited', participantId: 'NER', role: 'member_state_official' });

      // No SMTP server is configured: the mail waits in the outbox, in the invitee's language.
      const mail = await latestMail(db, 'Amina@Justice.ne');
      expect(mail?.subject).toBeTruthy();
      expect(mail?.body).toContain('/accept-invitation?token=');
      // The link opens the page in the mail's language.
      expect(mail?.body).toMatch(/\/accept-invitation\?token=[^\s&]+&lang=fr\b/);
      const token = linkToken(mail!.body);

      const weak = await inject({
        method: 'POST',
        url: '/api/v1/auth/invitation/accept',
        payload: { token, password: 'password1234' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json()).toMatchObject({ code: 'accounts.password_too_common', errors: [{ field: 'password' }] });
      const short = await inject({
        method: 'POST',
        url: '/api/v1/auth/invitation/accept',
        payload: { token, password: 'short pass' },
      });
      expect(short.json()).toMatchObject({ code: 'accounts.password_too_short' });

      const accepted = await inject({
        method: 'POST',
        url: '/api/v1/auth/invitation/accept',
        payload: { token, password: 'le Niger et les conventions' },
      });
      expect(accepted.statusCode).toBe(204);
      const again = await inject({
        method: 'POST',
        url: '/api/v1/auth/invitation/accept',
        payload: { token, password: 'le Niger et les conventions' },
      });
      expect(again.json()).toMatchObject({ code: 'auth.link_invalid' });

      // Email addresses are matched without regard to case.
      const { response } = await signInThroughApi(context.app, 'amina@justice.ne', 'le Niger et les conventions');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ user: { email: 'Amina@Justice.ne', status: 'active' } });
      expect(response.json().user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const cookie = response.cookies.find((c) => c.name === 'lexpact_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    });

    it('refuses a second user with the same email address', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const duplicate = await inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        payload: { email: 'amina@justice.ne', displayName: 'Other', role: 'administrator' },
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({ code: 'accounts.email_taken', errors: [{ field: 'email' }] });
    });

    it('requires the scope that goes with a role, naming the field', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const noCountry = await inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        payload: { email: 'x@example.org', displayName: 'X', role: 'member_state_official' },
      });
      expect(noCountry.statusCode).toBe(400);
      expect(noCountry.json().errors).toEqual([
        expect.objectContaining({ field: 'participantId', code: 'scope_participant_required' }),
      ]);
      const unknownCountry = await inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        payload: { email: 'x@example.org', displayName: 'X', role: 'member_state_official', participantId: 'XXX' },
      });
      expect(unknownCountry.json().errors).toEqual([
        expect.objectContaining({ field: 'participantId', code: 'unknown_participant', params: { value: 'XXX' } }),
      ]);
      const noOrganisation = await inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        payload: { email: 'x@example.org', displayName: 'X', role: 'partner' },
      });
      expect(noOrganisation.json().errors).toEqual([expect.objectContaining({ field: 'organizationId' })]);
      expect(
        (
          (await db.execute(sql`select count(*)::int as n from users where email = 'x@example.org'`)) as unknown as {
            rows: unknown[];
          }
        ).rows[0],
      ).toEqual({ n: 0 });
    });

    it('links a donor user to its donor record when inviting or changing it, and only a donor user', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const norway = (
        await inject({
          method: 'POST',
          url: '/api/v1/programme/donors',
          headers,
          payload: { kind: 'state', participantId: 'NOR' },
        })
      ).json().id as string;
      const invite = (payload: object) =>
        inject({ method: 'POST', url: '/api/v1/admin/users', headers, payload: { displayName: 'D', ...payload } });
      const donor = await invite({ email: 'donor@mfa.no', role: 'donor', participantId: 'NOR', donorId: norway });
      expect(donor.statusCode).toBe(201);
      expect(donor.json()).toMatchObject({ role: 'donor', donorId: norway });

      const forPartner = await invite({
        email: 'p@example.org',
        role: 'partner',
        organizationId: (await createOrganization(db, 'P')).id,
        donorId: norway,
      });
      expect(forPartner.json().errors).toEqual([
        { field: 'donorId', reason: 'only a donor user is linked to a donor record', code: 'only_donor_linked' },
      ]);
      const unknown = await invite({
        email: 'p@example.org',
        role: 'donor',
        participantId: 'NOR',
        donorId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.json().errors).toEqual([
        { field: 'donorId', reason: 'no such donor record', code: 'unknown_donor' },
      ]);

      const id = donor.json().id as string;
      const patch = (payload: object) =>
        inject({ method: 'PATCH', url: `/api/v1/admin/users/${id}`, headers, payload });
      expect((await patch({ donorId: null })).json()).toMatchObject({ donorId: null });
      expect((await patch({ donorId: norway })).json()).toMatchObject({ donorId: norway });
      // A user who stops being a donor loses the link, without the administrator having to clear it.
      const official = await patch({ role: 'member_state_official' });
      expect(official.json()).toMatchObject({ role: 'member_state_official', donorId: null });
      expect(await auditActions(db, id)).toEqual([
        'user.invite',
        'user.role_change',
        'user.role_change',
        'user.role_change',
      ]);
    });
  });

  describe('signing in', () => {
    it('answers a wrong password and an unknown address alike', async () => {
      const wrong = await signInThroughApi(context.app, 'admin@example.org', 'not the right password');
      const unknown = await signInThroughApi(context.app, 'nobody@example.org', 'not the right password');
      expect(wrong.response.statusCode).toBe(401);
      expect(unknown.response.statusCode).toBe(401);
      expect(wrong.response.json()).toEqual(unknown.response.json());
      expect(wrong.response.json()).toMatchObject({ code: 'auth.invalid_credentials' });
    });

    it('locks an account for 15 minutes after 5 failures in 15 minutes: the 6th attempt gets 429 with Retry-After, even with the right password', async () => {
      const user = await createUser(db, {
        email: 'target@example.org',
        role: 'partner',
        organizationId: (await createOrganization(db, 'Org lockout')).id,
      });
      for (let attempt = 1; attempt <= 5; attempt++) {
        clock.advanceMinutes(1);
        expect(
          (await signInThroughApi(context.app, 'target@example.org', `wrong password ${attempt}`)).response.statusCode,
        ).toBe(401);
      }
      const sixth = (await signInThroughApi(context.app, 'target@example.org', TEST_PASSWORD)).response;
      expect(sixth.statusCode).toBe(429);
      expect(sixth.headers['retry-after']).toBe('900');
      expect(sixth.json()).toMatchObject({ code: 'auth.locked_out' });
      const actions = await auditActions(db, user.id);
      expect(actions.filter((a) => a === 'session.sign_in_failed')).toHaveLength(5);
      expect(actions).toContain('user.locked_out');
      expect(actions).toContain('session.sign_in_refused_locked');

      clock.advanceMinutes(14);
      expect((await signInThroughApi(context.app, 'target@example.org', TEST_PASSWORD)).response.statusCode).toBe(429);
      clock.advanceMinutes(1);
      expect((await signInThroughApi(context.app, 'target@example.org', TEST_PASSWORD)).response.statusCode).toBe(200);
    });

    it('does not lock for failures spread over more than 15 minutes', async () => {
      await createUser(db, { email: 'slow@example.org', role: 'administrator' });
      for (let attempt = 1; attempt <= 5; attempt++) {
        clock.advanceMinutes(4);
        await signInThroughApi(context.app, 'slow@example.org', 'wrong password again');
      }
      expect((await signInThroughApi(context.app, 'slow@example.org', TEST_PASSWORD)).response.statusCode).toBe(200);
    });

    it('refuses disabled and deleted users like unknown ones', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const user = await createUser(db, { email: 'leaving@example.org', role: 'administrator' });
      const session = await signInThroughApi(context.app, 'leaving@example.org');
      await inject({
        method: 'PATCH',
        url: `/api/v1/admin/users/${user.id}`,
        headers,
        payload: { status: 'disabled' },
      });
      expect((await inject({ url: '/api/v1/account', headers: session.headers! })).statusCode).toBe(401);
      expect((await signInThroughApi(context.app, 'leaving@example.org')).response.json()).toMatchObject({
        code: 'auth.invalid_credentials',
      });
    });
  });

  describe('sessions', () => {
    it('end after the idle timeout (30 minutes without a request)', async () => {
      const { headers } = await signInThroughApi(context.app, 'admin@example.org');
      clock.advanceMinutes(29);
      expect((await inject({ url: '/api/v1/account', headers: headers! })).statusCode).toBe(200);
      clock.advanceMinutes(29);
      expect((await inject({ url: '/api/v1/account', headers: headers! })).statusCode).toBe(200);
      clock.advanceMinutes(31);
      const expired = await inject({ url: '/api/v1/account', headers: headers! });
      expect(expired.statusCode).toBe(401);
      // The browser is told to forget the dead cookie.
      expect(expired.cookies.find((c) => c.name === 'lexpact_session')?.value).toBe('');
    });

    it('end after the absolute lifetime (12 hours) even when used all along', async () => {
      const { headers } = await signInThroughApi(context.app, 'admin@example.org');
      let elapsed = 0;
      while (elapsed + 25 < 12 * 60) {
        clock.advanceMinutes(25);
        elapsed += 25;
        expect((await inject({ url: '/api/v1/account', headers: headers! })).statusCode).toBe(200);
      }
      clock.advanceMinutes(12 * 60 - elapsed);
      expect((await inject({ url: '/api/v1/account', headers: headers! })).statusCode).toBe(401);
    });

    it('sign out ends this session only; sign out everywhere ends them all', async () => {
      const first = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      const second = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      const third = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      expect((await inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: first })).statusCode).toBe(204);
      expect((await inject({ url: '/api/v1/account', headers: first })).statusCode).toBe(401);
      expect((await inject({ url: '/api/v1/account', headers: second })).statusCode).toBe(200);
      const everywhere = await inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: second });
      expect(everywhere.json().sessionsEnded).toBeGreaterThanOrEqual(2);
      expect((await inject({ url: '/api/v1/account', headers: third })).statusCode).toBe(401);
    });

    it("end one of my sessions from the list, never another user's", async () => {
      await createUser(db, { email: 'colleague@example.org', role: 'administrator' });
      const mine = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      const laptop = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      const theirs = (await signInThroughApi(context.app, 'colleague@example.org')).headers!;
      const currentId = async (headers: Record<string, string>) => {
        const listed = await inject({ url: '/api/v1/account/sessions', headers });
        return (listed.json() as { items: { id: string; current: boolean }[] }).items.find((s) => s.current)!.id;
      };
      const endSession = (id: string) =>
        inject({ method: 'DELETE', url: `/api/v1/account/sessions/${id}`, headers: mine });
      const laptopId = await currentId(laptop);
      const theirId = await currentId(theirs);

      expect((await endSession(laptopId)).statusCode).toBe(204);
      expect((await inject({ url: '/api/v1/account', headers: laptop })).statusCode).toBe(401);
      expect((await inject({ url: '/api/v1/account', headers: mine })).statusCode).toBe(200);
      expect((await endSession(laptopId)).json()).toMatchObject({ code: 'accounts.session_not_found' });
      expect((await endSession(theirId)).statusCode).toBe(404);
      expect((await inject({ url: '/api/v1/account', headers: theirs })).statusCode).toBe(200);
      expect(await auditActions(db, laptopId)).toEqual(['session.sign_in', 'session.sign_out']);
    });
  });

  describe('API tokens', () => {
    it('are shown once, work as bearer tokens within their scope, and stop working when revoked or expired', async () => {
      const headers = (await signInThroughApi(context.app, 'admin@example.org')).headers!;
      const created = await inject({
        method: 'POST',
        url: '/api/v1/account/tokens',
        headers,
        payload: { name: 'reporting script', scope: 'read', expiresInDays: 1 },
      });
      expect(created.statusCode).toBe(201);
      const { token, id } = created.json() as { token: string; id: string };
      expect(token).toMatch(/^lxp_/);
      const listed = await inject({ url: '/api/v1/account/tokens', headers });
      expect(JSON.stringify(listed.json())).not.toContain(token);
      expect(
        (
          (await db.execute(sql`select count(*)::int as n from api_tokens where token_hash = ${token}`)) as unknown as {
            rows: unknown[];
          }
        ).rows[0],
      ).toEqual({ n: 0 });

      const bearer = { authorization: `Bearer ${token}` };
      expect((await inject({ url: '/api/v1/admin/users', headers: bearer })).statusCode).toBe(200);
      const write = await inject({
        method: 'PATCH',
        url: '/api/v1/account',
        headers: bearer,
        payload: { displayName: 'Script' },
      });
      expect(write.statusCode).toBe(403);

      expect((await inject({ method: 'DELETE', url: `/api/v1/account/tokens/${id}`, headers })).statusCode).toBe(204);
      const revoked = await inject({ url: '/api/v1/account', headers: bearer });
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json()).toMatchObject({ code: 'auth.invalid_token' });

      const second = (
        await inject({
          method: 'POST',
          url: '/api/v1/account/tokens',
          headers,
          payload: { name: 'short-lived', scope: 'read-write', expiresInDays: 1 },
        })
      ).json() as { token: string };
      expect(
        (
          await inject({
            method: 'PATCH',
            url: '/api/v1/account',
            headers: { authorization: `Bearer ${second.token}` },
            payload: { displayName: 'Ada' },
          })
        ).statusCode,
      ).toBe(200);
      clock.advanceMinutes(24 * 60 + 1);
      expect(
        (await inject({ url: '/api/v1/account', headers: { authorization: `Bearer ${second.token}` } })).statusCode,
      ).toBe(401);
    });
  });

  describe('password reset', () => {
    it('mails a one-time link, sets the new password, and ends every session', async () => {
      await createUser(db, { email: 'forgetful@example.org', role: 'administrator' });
      const before = (await signInThroughApi(context.app, 'forgetful@example.org')).headers!;
      const requested = await inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: 'forgetful@example.org' },
      });
      const unknown = await inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: 'nobody@example.org' },
      });
      expect(requested.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(unknown.body).toBe(requested.body);
      const token = linkToken((await latestMail(db, 'forgetful@example.org'))!.body);

      clock.advanceMinutes(5);
      const completed = await inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/complete',
        payload: { token, password: 'a brand new passphrase' },
      });
      expect(completed.body).toBe('');
      expect(completed.statusCode).toBe(204);
      expect((await inject({ url: '/api/v1/account', headers: before })).statusCode).toBe(401);
      expect((await signInThroughApi(context.app, 'forgetful@example.org')).response.statusCode).toBe(401);
      expect(
        (await signInThroughApi(context.app, 'forgetful@example.org', 'a brand new passphrase')).response.statusCode,
      ).toBe(200);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/auth/password-reset/complete',
            payload: { token, password: 'another new passphrase' },
          })
        ).json(),
      ).toMatchObject({ code: 'auth.link_invalid' });
    });

    it('expires the link after two hours', async () => {
      await createUser(db, { email: 'late@example.org', role: 'administrator' });
      await inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'late@example.org' } });
      const token = linkToken((await latestMail(db, 'late@example.org'))!.body);
      clock.advanceMinutes(121);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/auth/password-reset/complete',
            payload: { token, password: 'a brand new passphrase' },
          })
        ).json(),
      ).toMatchObject({ code: 'auth.link_invalid' });
    });
  });

  describe('administration and the audit trail', () => {
    it('soft-deletes a user (hidden from the list, restorable) and records every step with before and after', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const user = await createUser(db, {
        email: 'temp@example.org',
        role: 'partner',
        organizationId: (await createOrganization(db, 'Org temp')).id,
      });
      expect((await inject({ method: 'DELETE', url: `/api/v1/admin/users/${user.id}`, headers })).statusCode).toBe(200);
      const listed = (await inject({ url: '/api/v1/admin/users', headers })).json() as { items: { id: string }[] };
      expect(listed.items.map((u) => u.id)).not.toContain(user.id);
      const withDeleted = (await inject({ url: '/api/v1/admin/users?includeDeleted=true', headers })).json() as {
        items: { id: string }[];
      };
      expect(withDeleted.items.map((u) => u.id)).toContain(user.id);
      expect(
        (await inject({ method: 'POST', url: `/api/v1/admin/users/${user.id}/restore`, headers })).statusCode,
      ).toBe(200);
      const changed = await inject({
        method: 'PATCH',
        url: `/api/v1/admin/users/${user.id}`,
        headers,
        payload: { role: 'administrator', organizationId: null },
      });
      expect(changed.statusCode).toBe(200);

      const history = (
        await inject({ url: `/api/v1/admin/audit?entityType=user&entityId=${user.id}`, headers })
      ).json() as { items: { action: string; actorLabel: string; before: unknown; after: unknown }[] };
      expect(history.items.map((r) => r.action)).toEqual(['user.role_change', 'user.restore', 'user.delete']);
      expect(history.items[0]).toMatchObject({
        actorLabel: 'admin@example.org',
        before: { role: 'partner' },
        after: { role: 'administrator' },
      });
      expect(JSON.stringify(history.items)).not.toContain('passwordHash');
    });

    it('adds an organisation, deletes it (hidden from lists and forms) and restores it, all audited', async () => {
      const headers = await sessionHeaders(db, clock, admin, true);
      const payload = { name: 'Sahel Legal Network', kind: 'partner' };
      const created = await inject({ method: 'POST', url: '/api/v1/admin/organizations', headers, payload });
      expect(created.statusCode).toBe(201);
      const { id } = created.json() as { id: string };
      expect(created.json()).toMatchObject({ name: 'Sahel Legal Network', kind: 'partner', deletedAt: null });
      type Listed = { items: { id: string }[] };
      const listedIds = async (url: string) =>
        ((await inject({ url, headers })).json() as Listed).items.map(({ id: each }) => each);
      type Options = { organizations: { id: string; name: string }[] };
      const choices = async () =>
        ((await inject({ url: '/api/v1/programme/options', headers })).json() as Options).organizations;
      const change = (method: 'DELETE' | 'POST', tail: string) =>
        inject({ method, url: `/api/v1/admin/organizations/${id}${tail}`, headers });
      expect(await choices()).toContainEqual({ id, name: 'Sahel Legal Network' });

      expect((await change('DELETE', '')).json()).toMatchObject({ id, deletedAt: expect.any(String) });
      expect((await change('DELETE', '')).json()).toMatchObject({ code: 'accounts.organization_not_found' });
      expect(await listedIds('/api/v1/admin/organizations')).not.toContain(id);
      expect(await listedIds('/api/v1/admin/organizations?includeDeleted=true')).toContain(id);
      expect((await choices()).map((o) => o.id)).not.toContain(id);

      expect((await change('POST', '/restore')).json()).toMatchObject({ id, deletedAt: null });
      expect(await listedIds('/api/v1/admin/organizations')).toContain(id);
      const audited = await auditActions(db, id);
      expect(audited).toEqual(['organization.create', 'organization.delete', 'organization.restore']);
    });

    it('cannot be edited or deleted, not even by a direct query of the application', async () => {
      const refusal = (error: unknown) =>
        String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
      expect(refusal(await db.execute(sql`update audit_log set action = 'forged'`).catch((e: unknown) => e))).toMatch(
        /cannot be changed or deleted/,
      );
      expect(refusal(await db.execute(sql`delete from audit_log`).catch((e: unknown) => e))).toMatch(
        /cannot be changed or deleted/,
      );
      expect((await auditActions(db)).length).toBeGreaterThan(10);
    });

    it('sends security headers with a strict Content-Security-Policy', async () => {
      const response = await inject({ url: '/api/v1/instruments' });
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a body over the size limit with 413 and says nothing internal', async () => {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    });
  });
});
