import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertStorageKey, isStorageKey, sha256Hex, type FileStore } from './file-store.ts';

export interface S3StoreOptions {
  /** For S3-compatible servers (MinIO, Ceph, Garage…); absent = AWS S3 itself. */
  endpoint?: string | undefined;
  region?: string | undefined;
  bucket: string;
  /** Put before every key, so that several applications can share one bucket (`lexpact/`). */
  prefix?: string | undefined;
  /** Default: true with an endpoint, as most self-hosted servers have no per-bucket host names. */
  forcePathStyle?: boolean | undefined;
  /** Absent = the SDK's default chain (AWS_* variables, shared config files, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Originals as objects of one bucket, named like the local store's files (`ab/ab…`) after an optional prefix. */
export function s3FileStore(options: S3StoreOptions): FileStore {
  const { endpoint, region = 'us-east-1', bucket, credentials } = options;
  const trimmed = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const prefix = trimmed ? `${trimmed}/` : '';
  const client = new S3Client({
    region,
    forcePathStyle: options.forcePathStyle ?? Boolean(endpoint),
    ...(endpoint
      ? {
          endpoint,
          // Since 3.729 the SDK adds CRC32 checksums to every upload (as an aws-chunked trailer when the body
          // streams) and asks for them on downloads. Several S3-compatible servers predate that and reject or
          // mangle it (s3rver stores the chunk framing as the content), so away from AWS only where S3 requires.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    ...(credentials ? { credentials } : {}),
  });
  const where = `S3 bucket ${bucket}${endpoint ? ` at ${endpoint}` : ''}`;
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return `${prefix}${key}`;
  };

  /** The server's error code and status in one line that names what was asked, instead of an SDK stack. */
  const failure = (action: string, key: string | null, error: unknown) => {
    let reason = error instanceof Error ? error.message : String(error);
    if (error instanceof S3ServiceException) {
      // Answers to HEAD have no body: the SDK then only knows the status ("UnknownError").
      const message = error.message && error.message !== 'UnknownError' ? `: ${error.message}` : '';
      reason = `${error.name}${message} (HTTP ${error.$metadata.httpStatusCode ?? '?'})`;
    }
    const what = key === null ? `the objects${prefix ? ` under ${prefix}` : ''}` : `${prefix}${key}`;
    return new Error(`could not ${action} ${what} in ${where}: ${reason}`, { cause: error });
  };
  const isMissing = (error: unknown) =>
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

  /** The object's metadata, or null when there is no such object. */
  const headOf = async (name: string, key: string) => {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: name }));
    } catch (error) {
      if (isMissing(error)) return null;
      throw failure('look up', key, error);
    }
  };

  return {
    kind: 's3',
    async put(key, bytes, mediaType) {
      const name = objectKey(key);
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: name,
            Body: bytes,
            ContentType: mediaType,
            // The checksum travels with the object whatever it is later renamed or copied to: a bucket can be audited without the database.
            Metadata: { sha256: sha256Hex(bytes) },
          }),
        );
      } catch (error) {
        throw failure('store', key, error);
      }
    },
    async get(key) {
      const name = objectKey(key);
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: name }));
        if (!answer.Body) throw new Error('the answer has no body');
        return await answer.Body.transformToByteArray();
      } catch (error) {
        // NoSuchBucket is also a 404 but not a missing file: it must read as a configuration error.
        if (isMissing(error) && (error as S3ServiceException).name !== 'NoSuchBucket') {
          throw new Error(`no stored file ${prefix}${key} in ${where}`, { cause: error });
        }
        throw failure('read', key, error);
      }
    },
    async has(key) {
      // A missing bucket also answers 404 to HEAD; the following put then fails with NoSuchBucket.
      return (await headOf(objectKey(key), key)) !== null;
    },
    async *list() {
      let token: string | undefined;
      do {
        let page;
        try {
          page = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
        } catch (error) {
          throw failure('list', null, error);
        }
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(prefix.length) ?? '';
          // Other objects sharing the bucket or the prefix are not the store's.
          if (object.Key?.startsWith(prefix) && isStorageKey(key))
            yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async remove(key, { notModifiedAfter }) {
      const name = objectKey(key);
      const head = await headOf(name, key);
      if (!head || (head.LastModified && head.LastModified > notModifiedAfter)) return false;
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: name }));
        return true;
      } catch (error) {
        throw failure('remove', key, error);
      }
    },
  };
}
