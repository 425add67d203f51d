import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestDb, TEST_CLOCK, type TestDb } from '../../../test/helpers/db.ts';
import { createUser, sessionHeaders, TEST_SECURITY, tokenHeaders } from '../../../test/helpers/accounts.ts';

const PER_ADDRESS = 5;
const PER_ACCOUNT = 8;
const AUTH_PER_ADDRESS = 3;

describe('rate limits', () => {
  let database: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let webDir: string;
  // Each test speaks from its own addresses, so that the budgets of one never leak into another.
  const api = (remoteAddress: string, headers: Record<string, string> = {}, url = '/api/v1/instruments') =>
    app.inject({ url, remoteAddress, headers });

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'lexpact-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    database = await createTestDb();
    app = await buildApp({
      database,
      webDir,
      clock: TEST_CLOCK,
      datasetCheckIntervalMs: 0,
      security: {
        ...TEST_SECURITY,
        rateLimitPerMinute: PER_ADDRESS,
        accountRateLimitPerMinute: PER_ACCOUNT,
        authRateLimitPerMinute: AUTH_PER_ADDRESS,
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(webDir, { recursive: true, force: true });
  });

  async function exhaust(remoteAddress: string, headers: Record<string, string> = {}, budget = PER_ADDRESS) {
    for (let i = 0; i < budget; i += 1)
      expect((await api(remoteAddress, headers)).statusCode, `call ${i + 1}`).toBe(200);
  }

  it('never counts the web app, its files, the API documentation and the probes, and answers them past the limit', async () => {
    const free = [
      '/',
      '/countries/NER',
      '/assets/index-abc123.js',
      '/healthz',
      '/readyz',
      '/api/v1/docs/static/index.css',
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const url of free) expect((await api('10.0.1.1', { accept: 'text/html' }, url)).statusCode, url).toBe(200);
    }
    await exhaust('10.0.1.1');
    expect((await api('10.0.1.1')).statusCode).toBe(429);
    for (const url of free) expect((await api('10.0.1.1', { accept: 'text/html' }, url)).statusCode, url).toBe(200);
  });

  it('limits anonymous API calls per address, with a problem that has a stable code and Retry-After', async () => {
    await exhaust('10.0.2.1');
    const refused = await api('10.0.2.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, code: 'http.rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api('10.0.2.2')).statusCode).toBe(200);
  });

  it("gives two signed-in people behind one address each their own budget, apart from the address's", async () => {
    const first = await createUser(database.db, { email: 'first@office.example', role: 'programme_officer' });
    const second = await createUser(database.db, { email: 'second@office.example', role: 'programme_officer' });
    const firstHeaders = await sessionHeaders(database.db, TEST_CLOCK, first);
    await exhaust('10.0.3.1');
    expect((await api('10.0.3.1')).statusCode).toBe(429);
    await exhaust('10.0.3.1', firstHeaders, PER_ACCOUNT);
    expect((await api('10.0.3.1', firstHeaders)).statusCode).toBe(429);
    await exhaust('10.0.3.1', await sessionHeaders(database.db, TEST_CLOCK, second), PER_ACCOUNT);
  });

  it('counts an API token against its account, from whatever address it comes', async () => {
    const owner = await createUser(database.db, { email: 'script@office.example', role: 'programme_officer' });
    const headers = await tokenHeaders(database.db, TEST_CLOCK, owner, 'read');
    for (let i = 0; i < PER_ACCOUNT; i += 1) expect((await api(`10.0.4.${i + 1}`, headers)).statusCode).toBe(200);
    expect((await api('10.0.4.100', headers)).statusCode).toBe(429);
    // The same person's browser session draws on the same budget.
    expect((await api('10.0.4.101', await sessionHeaders(database.db, TEST_CLOCK, owner))).statusCode).toBe(429);
  });

  it('counts refused API tokens against the address, so guessing them is limited too', async () => {
    const headers = { authorization: 'Bearer lxp_not-a-real-token' };
    for (let i = 0; i < PER_ADDRESS; i += 1) expect((await api('10.0.5.1', headers)).statusCode).toBe(401);
    expect((await api('10.0.5.1', headers)).statusCode).toBe(429);
  });

  it('answers a page navigation with a page in the language asked for, with Retry-After', async () => {
    await exhaust('10.0.6.1');
    const french = await api('10.0.6.1', {
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
      'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5',
    });
    expect(french.statusCode).toBe(429);
    expect(french.headers['content-type']).toContain('text/html');
    expect(Number(french.headers['retry-after'])).toBeGreaterThan(0);
    expect(french.body).toContain('<html lang="fr" dir="ltr">');
    expect(french.body).toContain('Trop de requêtes');
    expect(french.body).toMatch(/Attendez \d+ secondes?, puis rechargez la page/);
    const arabic = await api('10.0.6.1', { accept: 'text/html' }, '/api/v1/instruments?lang=ar');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    // Its link home keeps the language, which the web app reads from the address.
    expect(arabic.body).toContain('<a href="/?lang=ar">');
  });

  it('keeps the stricter sign-in limit per address, whoever is signed in elsewhere', async () => {
    const signIn = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress,
        payload: { email: 'nobody@office.example', password: 'wrong password here' },
      });
    for (let i = 0; i < AUTH_PER_ADDRESS; i += 1) expect((await signIn('10.0.7.1')).statusCode).toBe(401);
    const refused = await signIn('10.0.7.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'http.rate_limited' });
    expect((await signIn('10.0.7.2')).statusCode).toBe(401);
  });
});

describe('rate limits behind a reverse proxy', () => {
  it("with LEXPACT_TRUST_PROXY, counts each client address the proxy reports, not the proxy's own", async () => {
    const database = await createTestDb();
    const app = await buildApp({
      database,
      clock: TEST_CLOCK,
      datasetCheckIntervalMs: 0,
      security: { ...TEST_SECURITY, trustProxy: true, rateLimitPerMinute: 2 },
    });
    try {
      const call = (client: string) =>
        app.inject({ url: '/api/v1/instruments', remoteAddress: '10.9.9.9', headers: { 'x-forwarded-for': client } });
      expect([
        (await call('203.0.113.7')).statusCode,
        (await call('203.0.113.7')).statusCode,
        (await call('203.0.113.7')).statusCode,
      ]).toEqual([200, 200, 429]);
      expect((await call('198.51.100.20')).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
