/** Environment variable names shared by infra/ (which sets them) and the handlers (which read them). */
export const ENV = {
  /** S3 bucket holding decks and assets. Unset locally: the embedded store is used. */
  bucket: 'S3_BUCKET',
  /** Optional S3-compatible endpoint (e.g. http://127.0.0.1:4568); unset means AWS. */
  endpoint: 'S3_ENDPOINT',
  /** Key prefix under which decks are stored. */
  decksPrefix: 'DECKS_PREFIX',
  /** Bearer token for the local server's API. */
  token: 'LECTERN_TOKEN',
  /** Local server: the secret that signs the page's session cookies, so sign-ins survive a restart (at least 16 characters). */
  sessionSecret: 'LECTERN_SESSION_SECRET',
  /** Folder of the embedded store (local server). */
  dataDir: 'LECTERN_DATA_DIR',
  /** Local server port. */
  port: 'PORT',
  /** Folder of templates/ (Lambda: copied beside the bundle). Unset: beside the bundle, else the repository's. */
  templatesDir: 'LECTERN_TEMPLATES_DIR',
  /** Local server: a YAML or JSON file of instructors ({instructors: [{name, token | tokenSha256, admin?}]}). */
  usersFile: 'LECTERN_USERS_FILE',
  /** Local server: lectures to publish into an empty embedded store at start (default the repository's content/; `none` to skip). */
  seed: 'LECTERN_SEED',
  /** Local server: the heap bound, in MiB, of the worker that makes PowerPoint files and single-file pages. */
  exportMemoryMb: 'LECTERN_EXPORT_MEMORY_MB',
  /** The API function: `event` to leave new versions' exports to the export function (default `request`). */
  exports: 'LECTERN_EXPORTS',
  /** Local server listen address (default 127.0.0.1). */
  host: 'HOST',
  /** AWS region of the bucket (the SDK's standard variable). */
  region: 'AWS_REGION',
  /** Powertools logger level. */
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  /** Powertools service name. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

/** The Cognito group whose members administer the site (the stack creates it; the API reads the claim). */
export const ADMIN_GROUP = 'lectern-admins';

export { DEFAULT_DECKS_PREFIX } from './layout.js';
