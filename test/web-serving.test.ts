import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { createTestDb, type TestDb } from './helpers/db.ts';

describe('serving the built web app', () => {
  let database: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'lexpact-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    database = await createTestDb();
    app = await buildApp({ database, webDir });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers the home page and every client-side route with the app, never cached', async () => {
    for (const url of ['/', '/countries/NER', '/instruments/icsft-1999?asOf=2010-01-01']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing asset or API path with a 404 problem, not with the app', async () => {
    for (const url of ['/assets/missing.js', '/api/v1/no-such-thing']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves an asset added after start (a rebuilt app) without a restart', async () => {
    writeFileSync(join(webDir, 'assets', 'later-def456.js'), 'console.log(2)');
    expect((await app.inject({ url: '/assets/later-def456.js' })).statusCode).toBe(200);
  });
});

describe('request logs', () => {
  it('never contain the one-time tokens of invitation and reset links, nor sign-on codes', async () => {
    const { Writable } = await import('node:stream');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await createTestDb();
    const app = await buildApp({ database, logger: { level: 'info', stream } });
    await app.inject({ url: '/reset-password?token=secret-reset-token' });
    await app.inject({ url: '/api/v1/auth/oidc/callback?code=secret-code&state=secret-state' });
    await app.close();
    await database.destroy();
    const log = lines.join('');
    expect(log).toContain('/reset-password?token=[redacted]');
    expect(log).not.toContain('secret-reset-token');
    expect(log).not.toContain('secret-code');
    expect(log).not.toContain('secret-state');
  });
});
