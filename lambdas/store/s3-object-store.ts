import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { guardStorage, PreconditionFailedError, StorageError } from './errors.js';
import { isSafeKey, type ObjectStore, type PutOptions, type StoredObject } from './object-store.js';
import { STORAGE_TIMEOUTS } from './storage-timeouts.js';

export interface S3ClientOptions {
  region?: string;
  /** An S3-compatible endpoint (MinIO, s3rver, …); unset means AWS itself. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** An S3 client configured the way every S3-compatible server understands. */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Without these the SDK sends streamed bodies aws-chunked with trailing checksums, which
    // S3-compatible servers store corrupted; plain bodies are what every server accepts.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Fail fast when the endpoint is gone or hangs, so an API call answers 503 instead of waiting:
    // throwOnRequestTimeout makes the request timeout abort the request (without it the SDK only warns).
    requestHandler: {
      connectionTimeout: STORAGE_TIMEOUTS.connectMs,
      requestTimeout: STORAGE_TIMEOUTS.requestMs,
      socketTimeout: STORAGE_TIMEOUTS.requestMs,
      throwOnRequestTimeout: true,
    },
    maxAttempts: STORAGE_TIMEOUTS.attempts,
  });
}

/** An object store over one S3 bucket (or any S3-compatible endpoint). */
export function createS3ObjectStore(client: S3Client, bucket: string): ObjectStore {
  const checked = (key: string): string => {
    if (!isSafeKey(key)) throw new StorageError(`Refusing an unsafe storage key: ${JSON.stringify(key)}`);
    return key;
  };

  return {
    async get(key: string): Promise<StoredObject | undefined> {
      const Key = checked(key);
      return guardStorage(`read ${key}`, async () => {
        try {
          const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
          const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
          return { body, contentType: out.ContentType ?? 'application/octet-stream', etag: out.ETag ?? '' };
        } catch (error) {
          if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
            return undefined;
          throw error;
        }
      });
    },

    async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<void> {
      const Key = checked(key);
      await guardStorage(`write ${key}`, async () => {
        try {
          await client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key,
              Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
              ContentType: options.contentType,
              ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
              ...(options.contentDisposition ? { ContentDisposition: options.contentDisposition } : {}),
              ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
              ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
            }),
          );
        } catch (error) {
          if (isConditionFailure(error)) throw new PreconditionFailedError(key, { cause: error });
          throw error;
        }
      });
    },

    async delete(key: string): Promise<void> {
      const Key = checked(key);
      await guardStorage(`delete ${key}`, async () => {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      });
    },

    async listChildren(prefix: string): Promise<string[]> {
      const Prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
      return guardStorage(`list ${prefix}`, async () => {
        const names: string[] = [];
        let ContinuationToken: string | undefined;
        do {
          const out = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix, Delimiter: '/', ContinuationToken }),
          );
          for (const common of out.CommonPrefixes ?? []) {
            const name = common.Prefix?.slice(Prefix.length).replace(/\/$/, '');
            if (name && isSafeKey(name)) names.push(name);
          }
          ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (ContinuationToken);
        return names.sort();
      });
    },

    async listKeys(prefix: string): Promise<string[]> {
      const Prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
      return guardStorage(`list ${prefix}`, async () => {
        const keys: string[] = [];
        let ContinuationToken: string | undefined;
        do {
          const out = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix, Delimiter: '/', ContinuationToken }),
          );
          for (const object of out.Contents ?? [])
            if (object.Key && isSafeKey(object.Key)) keys.push(object.Key);
          ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (ContinuationToken);
        return keys.sort();
      });
    },
  };
}

/**
 * S3 answers 412 PreconditionFailed when If-Match or If-None-Match does not hold, and 409
 * ConditionalRequestConflict when another conditional write to the key is in flight: both mean
 * "read again and decide again".
 */
function isConditionFailure(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    name === 'PreconditionFailed' ||
    name === 'ConditionalRequestConflict' ||
    $metadata?.httpStatusCode === 412 ||
    $metadata?.httpStatusCode === 409
  );
}
