import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, S3Event } from 'aws-lambda';
import { authorizeByJwtClaims } from '../api/authorize.js';
import { readApiConfig } from '../api/config.js';
import { createApi } from '../api/create-api.js';
import { eventKey, exportByJobFile, runExportJob } from '../api/export-jobs.js';
import { readStoredImages } from '../api/stored-media.js';
import { loadMathEngine } from '../node/math-katex.js';
import { readAssetBytes, readAssetFolder } from '../node/single-file-assets.js';
import { loadTemplates } from '../node/templates-fs.js';
import { ENV } from '../site/env-names.js';
import { createCourseStore } from '../store/course-store.js';
import { createDeckStore } from '../store/deck-store.js';
import { createMediaStore } from '../store/media-store.js';
import { createS3Client, createS3ObjectStore } from '../store/s3-object-store.js';
import { createS3UploadSigner } from '../store/s3-upload-signer.js';

// Cold start: configuration, templates, the S3 client and the routes are set up once per container.
const logger = new Logger({ serviceName: process.env[ENV.serviceName] ?? 'lectern-api' });
const config = readApiConfig(process.env, import.meta.url);
const client = createS3Client({
  ...(config.region ? { region: config.region } : {}),
  ...(config.endpoint ? { endpoint: config.endpoint } : {}),
});
const objects = createS3ObjectStore(client, config.bucket);
const store = createDeckStore(objects, { prefix: config.prefix });
const media = createMediaStore(objects);
const templates = loadTemplates(config.templatesDir);
// Read on the first export, for each deck's single-file page.
const loadAssets = async () => (config.assetsDir ? readAssetFolder(config.assetsDir) : readAssetBytes());
const api = createApi({
  store,
  courses: createCourseStore(objects),
  // Uploads go straight to the bucket by pre-signed PUT; the API only checks what arrived.
  media: { store: media, signUpload: createS3UploadSigner(client, config.bucket) },
  templates,
  // KaTeX is bundled but only evaluated when a lecture with math arrives.
  loadMath: loadMathEngine,
  loadAssets,
  // Deployed by the stack: a job file for the export function; otherwise made in the request.
  ...(config.exports === 'event' && { exporter: exportByJobFile(objects) }),
  // API Gateway's JWT authorizer has checked the token before this runs.
  authorize: authorizeByJwtClaims,
  logger,
});

/** The Lambda entry point for the HTTP API (payload format 2.0). */
export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  return api(event);
}

/**
 * The export function's entry point (the same bundle, handler `index.exportHandler`): the bucket calls
 * it when a job file arrives under export-jobs/; it makes that version's PowerPoint file and
 * single-file page. A failure is thrown, so Lambda tries the event again.
 */
export async function exportHandler(event: S3Event, context: Context): Promise<void> {
  logger.addContext(context);
  for (const record of event.Records) {
    const key = eventKey(record.s3.object.key);
    const outcome = await runExportJob(key, {
      objects,
      store,
      tools: { templates, loadAssets },
      readImages: (files) => readStoredImages(new Map(files), media),
    });
    logger.info('Export job', { key, outcome });
  }
}
