import { ID_PATTERN } from '../core/schema.js';

/**
 * The site's layout, in one place: the URLs it serves, the storage keys behind them, the relative
 * paths a deck uses to reach the shared assets, and the cache headers of each kind of file. The API,
 * the local server, the stores, the CLI, the CDK stack and the instructors' page all read it from
 * here (the page through `siteLayoutForBrowser`), so none of them spells a path of its own. Pure.
 */

/** Deck and course ids, as the lecture format defines them. */
export const DECK_ID = ID_PATTERN;

/**
 * Ids no deck may take: `assets` and `media` are folders beside the decks in a rendered output
 * folder, so a deck of that name would overwrite them.
 */
export const RESERVED_IDS: readonly string[] = ['assets', 'media'];

/** A stored version's name: the content hash the renderer gives it. */
export const VERSION_PATTERN = /^[a-z0-9]{1,128}$/;

/** A file name inside a deck folder: plain, no path, no leading dot. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The site's top-level folders. */
export const SITE_FOLDERS = {
  decks: 'decks',
  assets: 'assets',
  media: 'media',
  courses: 'courses',
  api: 'api',
} as const;

/** The files of a rendered deck folder. */
export const DECK_FILES = {
  deck: 'index.html',
  handout: 'handout.html',
  manifest: 'deck.json',
  /** The deck as an editable PowerPoint file (`lectern render --pptx`, and every publish on the site). */
  pptx: 'deck.pptx',
  /** The deck as one self-contained page (`lectern render --single-file`, and every publish on the site). */
  singleFile: 'deck.html',
} as const;

/** Cache-Control of each kind of file the site serves. */
export const CACHE = {
  /** A stored version, a media file: written once under a content-addressed name. */
  immutable: 'public, max-age=31536000, immutable',
  /** What may change at any publish: the current deck, listings, the instructors' page. */
  revalidate: 'no-cache',
  /** reveal.js, themes and fonts: they change only with a deploy or an upgrade. */
  assets: 'public, max-age=3600',
  /** The redirect from a deck's current URL to its version: it moves with every publish or restore. */
  redirect: 'no-store',
} as const;

/** Relative URL from a deck folder to the shared assets, for each place a deck is served from. */
export const ASSETS_BASE = {
  /** `<out>/<id>/index.html` written by the CLI, beside `<out>/assets/`. */
  output: `../${SITE_FOLDERS.assets}/`,
  /** `/decks/{id}/` on the site. */
  current: `../../${SITE_FOLDERS.assets}/`,
  /** `/decks/{id}/v/{version}/` on the site. */
  version: `../../../../${SITE_FOLDERS.assets}/`,
  /** `/courses/{id}/` on the site. */
  course: `../../${SITE_FOLDERS.assets}/`,
  /**
   * The instructors' page's live preview: the deck is shown in a frame whose document (srcdoc) takes
   * the page's own base URL, the site's root.
   */
  preview: `${SITE_FOLDERS.assets}/`,
} as const;

/** Relative URL from a course page on the site (`/courses/{id}/`) to the deck folders. */
export const COURSE_DECKS_BASE = `../../${SITE_FOLDERS.decks}/`;

/** Whether an id may name a deck: the format's pattern, and not one of the site's own folders. */
export function isDeckId(id: string): boolean {
  return DECK_ID.test(id) && !RESERVED_IDS.includes(id);
}

/** Site URLs of a deck: the current one, its handout, and one stored version. */
export const deckUrl = (id: string): string => `/${SITE_FOLDERS.decks}/${id}/`;
export const handoutUrl = (id: string): string => `${deckUrl(id)}${DECK_FILES.handout}`;
export const pptxUrl = (id: string): string => `${deckUrl(id)}${DECK_FILES.pptx}`;
export const singleFileUrl = (id: string): string => `${deckUrl(id)}${DECK_FILES.singleFile}`;
/** The name a deck's PowerPoint file is saved under: its id (ids are safe in a header and a file name). */
export const pptxDownloadName = (id: string): string => `${id}.pptx`;
/** The name a deck's single-file page is saved under. */
export const singleFileDownloadName = (id: string): string => `${id}.html`;
/**
 * Content-Disposition of a deck's file: the PowerPoint file and the single-file page download under
 * their deck's name; the others show. The single-file page inlines its scripts, which the site's CSP
 * would refuse: it is for saving and opening from disk, never for showing from the site.
 */
export const deckFileDisposition = (id: string, name: string): string | undefined => {
  if (name === DECK_FILES.pptx) return `attachment; filename="${pptxDownloadName(id)}"`;
  if (name === DECK_FILES.singleFile) return `attachment; filename="${singleFileDownloadName(id)}"`;
  return undefined;
};
/** What every published deck offers for saving, in the order the pages link them. */
export const DECK_DOWNLOADS = [
  {
    file: DECK_FILES.pptx,
    /** The field of the API's deck answers that holds its URL. */
    field: 'pptxUrl',
    label: 'PowerPoint',
    title: 'The deck as an editable PowerPoint file (.pptx)',
    saveAs: pptxDownloadName,
  },
  {
    file: DECK_FILES.singleFile,
    field: 'singleFileUrl',
    label: 'Single file',
    title: 'The deck as one HTML file that presents offline, for e-mail or an LMS',
    saveAs: singleFileDownloadName,
  },
] as const;
/** The deck opened with its speaker view (the deck's script reads `?speaker`). */
export const speakerUrl = (id: string): string => `${deckUrl(id)}?speaker`;
export const versionUrl = (id: string, version: string): string => `${deckUrl(id)}v/${version}/`;
export const assetsUrl = (path: string): string => `/${SITE_FOLDERS.assets}/${path}`;

/** Storage keys of a deck under the decks prefix (default `decks/`, as the site's URLs). */
export const DEFAULT_DECKS_PREFIX = `${SITE_FOLDERS.decks}/`;
export const deckKey = (prefix: string, id: string, name: string): string => `${prefix}${id}/${name}`;
export const versionKey = (prefix: string, id: string, version: string, name: string): string =>
  `${prefix}${id}/v/${version}/${name}`;
/**
 * The one small mutable object of a deck: which version is current, who owns the deck, and whether it
 * was deleted. It is never served: the site reaches it only through the redirect to a version.
 */
export const pointerKey = (prefix: string, id: string): string => deckKey(prefix, id, 'pointer.json');
/** A deck's history: one immutable object per publish or restore, named so that keys sort by time. */
export const historyPrefix = (prefix: string, id: string): string => `${prefix}${id}/history/`;
export const historyKey = (prefix: string, id: string, at: string, version: string): string =>
  `${historyPrefix(prefix, id)}${compactTime(at)}-${version}.json`;

/** `2026-12-02T08:07:13.123Z` → `20261202T080713123Z`: sortable, and plain enough for any store key. */
function compactTime(iso: string): string {
  return iso.replace(/[-:.]/g, '');
}

/** The files of a stored course: its public page and its document (with its owner). */
export const COURSE_FILES = {
  page: 'index.html',
  document: 'course.json',
} as const;

/** The public page of a course, and its storage keys (fixed prefix: the key is the site path). */
export const courseUrl = (id: string): string => `/${SITE_FOLDERS.courses}/${id}/`;
export const COURSES_PREFIX = `${SITE_FOLDERS.courses}/`;
export const courseKey = (id: string, name: string): string => `${COURSES_PREFIX}${id}/${name}`;

/**
 * Media: each file once under its content-hashed name (`mediaFileName`, as `lectern render` writes
 * it), served at `/media/{name}` and stored at the same key. An upload lands first under a staging
 * prefix the site never serves; only bytes checked there (hash, type, SVG safety) reach `media/`,
 * and a small record per file (its full hash, type, size) says so.
 */
export const MEDIA_PREFIX = `${SITE_FOLDERS.media}/`;
export const MEDIA_UPLOADS_PREFIX = 'media-uploads/';
export const MEDIA_RECORDS_PREFIX = 'media-records/';
/** Deployed: what a new version's exports are made from, until the export function has made them. */
export const EXPORT_JOBS_PREFIX = 'export-jobs/';
export const exportJobKey = (id: string, version: string): string =>
  `${EXPORT_JOBS_PREFIX}${id}/${version}.json`;
export const mediaKey = (name: string): string => `${MEDIA_PREFIX}${name}`;
export const mediaUrl = (name: string): string => `/${mediaKey(name)}`;
export const mediaUploadKey = (sha256: string): string => `${MEDIA_UPLOADS_PREFIX}${sha256}`;
export const mediaRecordKey = (sha256: string): string => `${MEDIA_RECORDS_PREFIX}${sha256}.json`;
/** The Content-Type of a publication: a lecture's text with the stored media its images mean (docs/api.md). */
export const PUBLICATION_TYPE = 'application/vnd.lectern.publication+json';
/** A full SHA-256, lowercase hex: how the API names a media file. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** The API's media routes: ask for an upload, have an upload checked, and (locally) the upload itself. */
export const MEDIA_API = {
  request: `/${SITE_FOLDERS.api}/media`,
  check: `/${SITE_FOLDERS.api}/media/check`,
  upload: (sha256: string): string => `/${SITE_FOLDERS.api}/media/uploads/${sha256}`,
  uploadPattern: /^\/api\/media\/uploads\/([0-9a-f]{64})$/,
} as const;

/** What the instructors' page needs of the layout, handed to it as data rather than repeated in its script. */
export function siteLayoutForBrowser() {
  return {
    api: `/${SITE_FOLDERS.api}/`,
    decks: `/${SITE_FOLDERS.decks}/`,
    courses: `/${SITE_FOLDERS.courses}/`,
    media: MEDIA_API.request,
    mediaCheck: MEDIA_API.check,
    publicationType: PUBLICATION_TYPE,
    handout: DECK_FILES.handout,
    downloads: DECK_DOWNLOADS.map(({ field, label, title }) => ({ field, label, title })),
    idPattern: DECK_ID.source,
    reservedIds: RESERVED_IDS,
  };
}

/**
 * `lectern preview`: the decks at `/<id>/` as `lectern render` lays them out (assets at `/assets/`),
 * and the preview's own files under a folder no deck id can take (ids start with a letter or digit).
 * These files are served by the preview only; no rendered or published deck refers to them.
 */
export const PREVIEW = {
  port: 4000,
  host: '127.0.0.1',
  folder: '/_preview/',
  script: '/_preview/preview.js',
  style: '/_preview/preview.css',
  events: '/_preview/events',
} as const;
