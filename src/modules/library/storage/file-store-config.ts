import type { LibraryConfig } from '../../../server/config.ts';
import { localFileStore, type FileStore } from './file-store.ts';
import { s3FileStore } from './s3-file-store.ts';

/** The one place that turns configuration into a store, so the server, seeding and the CLI always agree. */
export function fileStoreFor(config: Pick<LibraryConfig, 'filesDir' | 's3'>): FileStore {
  const { s3 } = config;
  if (!s3) return localFileStore(config.filesDir);
  return s3FileStore({
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    prefix: s3.prefix,
    forcePathStyle: s3.forcePathStyle,
    credentials:
      s3.accessKeyId && s3.secretAccessKey
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
  });
}
