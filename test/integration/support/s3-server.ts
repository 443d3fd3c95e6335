import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createS3Client } from '../../../lambdas/store/s3-object-store.js';

export const TEST_BUCKET = 'lectern-test';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A real S3-protocol server on 127.0.0.1 for the tests, with a way to stop it and bring it back. */
export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** A client for this server, configured like the production one. */
  client: ReturnType<typeof createS3Client>;
  stop(): Promise<void>;
  /** Start again on the same port, with the same data. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'lectern-s3rver-'));
  const make = (port: number) =>
    new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: TEST_BUCKET, configs: [] }],
    });
  let server: S3rver | undefined = make(0);
  const address: AddressInfo = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createS3Client({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });

  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.close();
  };

  return {
    endpoint,
    bucket: TEST_BUCKET,
    client,
    stop,
    async restart() {
      await stop();
      server = make(address.port);
      await server.run();
    },
    async dispose() {
      await stop();
      client.destroy();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
