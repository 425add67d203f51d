import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('keeps library originals in the local folder when no bucket is set', () => {
    const config = loadConfig({ LEXPACT_DATA_DIR: '/srv/lexpact' });
    expect(config.library).toEqual({
      filesDir: resolve('/srv/lexpact/files'),
      maxUploadBytes: 50 * 1_048_576,
      maxExtractedBytes: 100 * 1_048_576,
      maxTextChars: 5_000_000,
      s3: null,
    });
  });

  it('reads at most 100 MB unpacked and 5 million characters of text from one file unless LEXPACT_MAX_EXTRACTED_MB and LEXPACT_MAX_TEXT_CHARS say otherwise', () => {
    const { library } = loadConfig({ LEXPACT_MAX_EXTRACTED_MB: '20', LEXPACT_MAX_TEXT_CHARS: '1000000' });
    expect({ maxExtractedBytes: library.maxExtractedBytes, maxTextChars: library.maxTextChars }).toEqual({
      maxExtractedBytes: 20 * 1_048_576,
      maxTextChars: 1_000_000,
    });
    expect(() => loadConfig({ LEXPACT_MAX_EXTRACTED_MB: '0' })).toThrow(
      /^invalid configuration: LEXPACT_MAX_EXTRACTED_MB: /,
    );
    expect(() => loadConfig({ LEXPACT_MAX_TEXT_CHARS: 'many' })).toThrow(
      /^invalid configuration: LEXPACT_MAX_TEXT_CHARS: /,
    );
    expect(() => loadConfig({ LEXPACT_MAX_TEXT_CHARS: '2.5' })).toThrow(
      /^invalid configuration: LEXPACT_MAX_TEXT_CHARS: /,
    );
  });

  it("flags other organisations' activities within 14 days unless LEXPACT_OVERLAP_WINDOW_DAYS says otherwise", () => {
    expect(loadConfig({}).programme).toEqual({ overlapWindowDays: 14 });
    expect(loadConfig({ LEXPACT_OVERLAP_WINDOW_DAYS: '30' }).programme).toEqual({ overlapWindowDays: 30 });
    expect(() => loadConfig({ LEXPACT_OVERLAP_WINDOW_DAYS: '-1' })).toThrow(/LEXPACT_OVERLAP_WINDOW_DAYS/);
  });

  it('allows 3000 anonymous API calls a minute per address and 1200 per account unless LEXPACT_RATE_LIMIT_PER_MINUTE and LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE say otherwise', () => {
    const limits = ({ security }: ReturnType<typeof loadConfig>) => ({
      perAddress: security.rateLimitPerMinute,
      perAccount: security.accountRateLimitPerMinute,
      auth: security.authRateLimitPerMinute,
    });
    expect(limits(loadConfig({}))).toEqual({ perAddress: 3000, perAccount: 1200, auth: 10 });
    expect(
      limits(loadConfig({ LEXPACT_RATE_LIMIT_PER_MINUTE: '10000', LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '300' })),
    ).toEqual({ perAddress: 10000, perAccount: 300, auth: 10 });
    expect(() => loadConfig({ LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '0' })).toThrow(
      /^invalid configuration: LEXPACT_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: /,
    );
  });

  it('an empty LEXPACT_S3_BUCKET counts as unset', () => {
    expect(loadConfig({ LEXPACT_S3_BUCKET: '' }).library.s3).toBeNull();
  });

  it('LEXPACT_S3_BUCKET alone turns S3 on: AWS region us-east-1, no prefix, virtual-hosted names, default credential chain', () => {
    expect(loadConfig({ LEXPACT_S3_BUCKET: 'lexpact-originals' }).library.s3).toEqual({
      bucket: 'lexpact-originals',
      region: 'us-east-1',
      prefix: '',
      forcePathStyle: false,
    });
  });

  it('reads endpoint, region, prefix and keys, with path-style names by default behind an endpoint', () => {
    const s3 = loadConfig({
      LEXPACT_S3_BUCKET: 'lexpact',
      LEXPACT_S3_ENDPOINT: 'http://minio.internal:9000',
      LEXPACT_S3_REGION: 'eu-central-1',
      LEXPACT_S3_PREFIX: 'lexpact/',
      LEXPACT_S3_ACCESS_KEY_ID: 'minio-user',
      LEXPACT_S3_SECRET_ACCESS_KEY: 'minio-secret',
    }).library.s3;
    expect(s3).toEqual({
      bucket: 'lexpact',
      endpoint: 'http://minio.internal:9000',
      region: 'eu-central-1',
      prefix: 'lexpact/',
      forcePathStyle: true,
      accessKeyId: 'minio-user',
      secretAccessKey: 'minio-secret',
    });
  });

  it('LEXPACT_S3_FORCE_PATH_STYLE overrides the default either way, and accepts only true or false', () => {
    expect(
      loadConfig({
        LEXPACT_S3_BUCKET: 'lexpact',
        LEXPACT_S3_ENDPOINT: 'https://s3.example.org',
        LEXPACT_S3_FORCE_PATH_STYLE: 'false',
      }).library.s3?.forcePathStyle,
    ).toBe(false);
    expect(
      loadConfig({ LEXPACT_S3_BUCKET: 'lexpact', LEXPACT_S3_FORCE_PATH_STYLE: 'true' }).library.s3?.forcePathStyle,
    ).toBe(true);
    expect(() => loadConfig({ LEXPACT_S3_BUCKET: 'lexpact', LEXPACT_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /^invalid configuration: LEXPACT_S3_FORCE_PATH_STYLE: /,
    );
  });

  it('refuses an access key without its secret, and a secret without its key', () => {
    const message =
      'invalid configuration: S3 credentials need LEXPACT_S3_ACCESS_KEY_ID and LEXPACT_S3_SECRET_ACCESS_KEY together (or neither, for the default AWS credential chain)';
    expect(() => loadConfig({ LEXPACT_S3_BUCKET: 'lexpact', LEXPACT_S3_ACCESS_KEY_ID: 'minio-user' })).toThrow(message);
    expect(() => loadConfig({ LEXPACT_S3_BUCKET: 'lexpact', LEXPACT_S3_SECRET_ACCESS_KEY: 'minio-secret' })).toThrow(
      message,
    );
  });

  it('refuses an endpoint that is not an http(s) address', () => {
    for (const endpoint of ['minio.internal:9000', 'not a url', 'ftp://minio.internal']) {
      expect(() => loadConfig({ LEXPACT_S3_BUCKET: 'lexpact', LEXPACT_S3_ENDPOINT: endpoint })).toThrow(
        'invalid configuration: LEXPACT_S3_ENDPOINT: must be an http:// or https:// address',
      );
    }
  });

  it('refuses a bucket written as a URL or with capitals', () => {
    for (const bucket of ['s3://lexpact', 'Lexpact', 'ab']) {
      expect(() => loadConfig({ LEXPACT_S3_BUCKET: bucket })).toThrow(
        /^invalid configuration: LEXPACT_S3_BUCKET: must be a bucket name/,
      );
    }
  });

  it('refuses S3 settings without a bucket, rather than silently keeping files in the folder', () => {
    expect(() =>
      loadConfig({ LEXPACT_S3_ENDPOINT: 'http://minio.internal:9000', LEXPACT_S3_REGION: 'eu-central-1' }),
    ).toThrow('invalid configuration: LEXPACT_S3_ENDPOINT, LEXPACT_S3_REGION are set but LEXPACT_S3_BUCKET is not');
  });
});
