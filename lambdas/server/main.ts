import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { assertStrongToken } from '../api/token-strength.js';
import { templatesDir } from '../node/templates-fs.js';
import { ENV } from '../site/env-names.js';
import { openDeckStore } from '../store/open-deck-store.js';
import { loadLocalIdentities } from './instructors.js';
import { seedDecks } from './seed-decks.js';
import { startServer } from './start-server.js';

// `npm start`: the whole site on one Node process. Configuration comes from the environment only.
const env = process.env;
// Powertools reads its level from POWERTOOLS_LOG_LEVEL (default INFO: one JSON line per API request).
const logger = new Logger({ serviceName: env[ENV.serviceName] ?? 'lectern-local' });

try {
  const chosen = env[ENV.token];
  if (chosen) assertStrongToken(chosen, ENV.token);
  const secret = env[ENV.sessionSecret];
  if (secret) assertStrongToken(secret, ENV.sessionSecret);
} catch (error) {
  console.error(`lectern: ${(error as Error).message}`);
  process.exit(1);
}

const store = await openDeckStore({
  ...(env[ENV.bucket] ? { bucket: env[ENV.bucket] } : {}),
  ...(env[ENV.endpoint] ? { endpoint: env[ENV.endpoint] } : {}),
  ...(env[ENV.region] ? { region: env[ENV.region] } : {}),
  ...(env[ENV.dataDir] ? { dataDir: env[ENV.dataDir] } : {}),
  ...(env[ENV.decksPrefix] ? { prefix: env[ENV.decksPrefix] } : {}),
});
let identities: ReturnType<typeof loadLocalIdentities>;
try {
  identities = loadLocalIdentities(env);
} catch (error) {
  console.error(`lectern: ${(error as Error).message}`);
  process.exit(1);
}
// The seed publishes through the API as the one administrator; with a users file it is left to them.
const token = env[ENV.usersFile] ? '' : (identities.generatedToken ?? env[ENV.token] ?? '');

/** A heap bound in MiB, as a whole number from 32 to 16384. */
function readMemoryMb(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 32 || value > 16384)
    throw new Error(`${ENV.exportMemoryMb} must be a whole number of MiB from 32 to 16384 (found "${text}")`);
  return value;
}

const exportMemory = env[ENV.exportMemoryMb];
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    store,
    courses: store.courses,
    media: store.media,
    token,
    instructors: identities.instructors,
    // Unset: sessions are signed with a key made at each start (or derived from LECTERN_TOKEN).
    ...(env[ENV.sessionSecret] ? { sessionSecret: env[ENV.sessionSecret] } : {}),
    port: Number(env[ENV.port] ?? 8080),
    host: env[ENV.host] || '127.0.0.1',
    ...(env[ENV.templatesDir] ? { templatesDir: env[ENV.templatesDir] } : {}),
    ...(exportMemory ? { exportLimits: { memoryMb: readMemoryMb(exportMemory) } } : {}),
    exportJobs: store.objects,
    logger,
  });
} catch (error) {
  console.error(`lectern: could not start the server: ${(error as Error).message}`);
  process.exit(1);
}

console.log(`Lectern is serving on ${server.url}/`);
console.log(`Decks are stored in ${store.backing}`);
// A first start on the embedded store opens on the course that ships with Lectern (never into a bucket).
const seed = env[ENV.seed] || join(dirname(templatesDir()), 'content');
if (!env[ENV.bucket] && seed !== 'none' && existsSync(seed) && token !== '') {
  const seeded = await seedDecks({ store, api: server.api, token, folder: seed, media: store.media });
  if (seeded.published.length > 0) {
    console.log(
      `Published ${seeded.published.length} lectures from ${seed} into the empty store: ${seeded.published.join(', ')}`,
    );
  }
  for (const failure of seeded.failed)
    console.error(`lectern: ${failure.file} not published: ${failure.message}`);
}
console.log(identities.source);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: finishing requests in flight, then stopping.`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`lectern: error while stopping: ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
