import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { createUser, TEST_SECURITY } from '../../../test/helpers/accounts.ts';
import { startTestOidcProvider } from '../../../test/helpers/oidc-provider.ts';
import { auditLog } from '../audit/audit.table.ts';

const PUBLIC_URL = 'http://lexpact.test';

describe('single sign-on with OpenID Connect', () => {
  let provider: Awaited<ReturnType<typeof startTestOidcProvider>>;
  let context: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    provider = await startTestOidcProvider({ clientId: 'lexpact', clientSecret: 'test-secret' });
    context = await createTestApp({
      seed: false,
      security: {
        ...TEST_SECURITY,
        publicUrl: PUBLIC_URL,
        oidc: { issuer: provider.issuer, clientId: 'lexpact', clientSecret: 'test-secret' },
      },
    });
    await createUser(context.database.db, { email: 'official@justice.example', role: 'administrator' });
    await createUser(context.database.db, {
      email: 'newcomer@justice.example',
      role: 'administrator',
      status: 'invited',
    });
  });
  afterAll(async () => {
    await context?.close();
    await provider?.close();
  });

  /** Runs the browser's part: our start → the provider → back to our callback. */
  async function signInThroughProvider(email: string) {
    provider.state.signedInAs = email;
    const start = await context.app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toContain(`${provider.issuer}/authorize`);
    const pending = start.cookies.find((c) => c.name === 'lexpact_oidc')!;
    const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/api/v1/auth/oidc/callback`);
    return context.app.inject({ url: back.pathname + back.search, cookies: { lexpact_oidc: pending.value } });
  }

  it('says single sign-on is available', async () => {
    expect((await context.app.inject({ url: '/api/v1/auth/session' })).json()).toMatchObject({
      singleSignOn: true,
      user: null,
    });
  });

  it('signs in the existing user with the email the provider vouches for', async () => {
    const callback = await signInThroughProvider('Official@Justice.example');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const session = callback.cookies.find((c) => c.name === 'lexpact_session')!;
    const account = await context.app.inject({ url: '/api/v1/account', cookies: { lexpact_session: session.value } });
    expect(account.json()).toMatchObject({ email: 'official@justice.example' });
    const audit = await context.database.db.select().from(auditLog);
    expect(
      audit.some((r) => r.action === 'session.sign_in' && (r.after as { method?: string }).method === 'oidc'),
    ).toBe(true);
  });

  it('activates an invited user who signs in through the organisation', async () => {
    const callback = await signInThroughProvider('newcomer@justice.example');
    expect(callback.headers.location).toBe('/');
    const session = callback.cookies.find((c) => c.name === 'lexpact_session')!;
    expect(
      (await context.app.inject({ url: '/api/v1/account', cookies: { lexpact_session: session.value } })).json(),
    ).toMatchObject({ status: 'active' });
  });

  it('does not create accounts: an unknown email is sent back to the sign-in page', async () => {
    const callback = await signInThroughProvider('stranger@elsewhere.example');
    expect(callback.headers.location).toBe('/sign-in?error=oidc_no_account');
    expect(callback.cookies.find((c) => c.name === 'lexpact_session')).toBeUndefined();
  });

  it('refuses an address the provider has not verified', async () => {
    provider.state.emailVerified = false;
    const callback = await signInThroughProvider('official@justice.example');
    provider.state.emailVerified = true;
    expect(callback.headers.location).toBe('/sign-in?error=oidc_no_account');
  });

  it('refuses a callback whose state does not match (forged or replayed)', async () => {
    const start = await context.app.inject({ url: '/api/v1/auth/oidc/start' });
    const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location')!);
    back.searchParams.set('state', 'forged');
    const callback = await context.app.inject({
      url: back.pathname + back.search,
      cookies: { lexpact_oidc: start.cookies.find((c) => c.name === 'lexpact_oidc')!.value },
    });
    expect(callback.headers.location).toBe('/sign-in?error=oidc_failed');
  });
});
