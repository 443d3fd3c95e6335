// A lecture's figures: the files or folder the instructor picked, matched to the image paths the
// lecture names (`src: figures/korea.png`), each uploaded only if the site does not hold it yet,
// with a line of progress per file and a clear message for each one that fails.
import { element } from './dom.js';
import layout from './site-layout.js';

const IMAGE_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};
const LECTURE_FILE = /\.(?:ya?ml|json)$/i;

/**
 * The local image paths a lecture's text names: every `src`, as YAML (`src: x`, quoted or not) or
 * JSON writes it, less the https URLs. A rough reading is enough: the site checks the lecture, and
 * answers with each `src` it has no figure for.
 */
export function localSources(text) {
  const found = new Set();
  const yaml = /^[\s-]*src\s*:\s*(?:"([^"]*)"|'([^']*)'|([^#\s][^#]*?))\s*(?:#.*)?$/gm;
  const json = /"src"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(yaml)) found.add(match[1] ?? match[2] ?? match[3]);
  for (const match of text.matchAll(json)) found.add(JSON.parse(`"${match[1]}"`));
  return [...found]
    .filter((src) => src && !/^[a-z][a-z0-9+.-]*:/i.test(src))
    .map((src) => src.replace(/^\.\//, ''));
}

async function sha256(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Picked images the live preview may show before they are uploaded, as data: URLs (which the site's
 * CSP allows for images). Not SVG: the site checks an SVG figure for scripts and outside references
 * when it is uploaded, and until then the preview shows it as missing.
 */
const PREVIEWABLE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif']);

function readAsDataUrl(file, type) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error));
    // The type from the name, as the upload declares it (a browser may leave file.type empty).
    reader.readAsDataURL(new Blob([file], { type }));
  });
}

export function createFigures({ filesInput, folderInput, list, summary }, { api, editor }) {
  /** Chosen files by their path inside the chosen folder (or by name, picked one by one). */
  let chosen = new Map();
  /** Each chosen image read once for the preview: file → its data: URL (a promise). */
  let previews = new WeakMap();
  const chooseListeners = [];

  function choose(files, fromFolder) {
    chosen = new Map();
    for (const file of files) {
      // A folder's files come as "<folder>/figures/korea.png": the lecture sits in <folder>.
      const path = fromFolder ? file.webkitRelativePath.split('/').slice(1).join('/') : file.name;
      chosen.set(path, file);
    }
    const lectures = [...chosen].filter(([path]) => LECTURE_FILE.test(path) && !path.includes('/'));
    if (fromFolder && lectures.length === 1) editor.loadFile(lectures[0][1]);
    const images = [...chosen.keys()].filter((path) => IMAGE_TYPES[extension(path)]);
    summary.textContent = `${images.length} figure${images.length === 1 ? '' : 's'} chosen.`;
    list.replaceChildren();
    previews = new WeakMap();
    for (const listener of chooseListeners) listener();
  }
  filesInput.addEventListener('change', () => choose(filesInput.files ?? [], false));
  folderInput.addEventListener('change', () => choose(folderInput.files ?? [], true));

  /** The chosen file a `src` means: the same path in the folder, else the one file of that name. */
  function fileFor(src) {
    if (chosen.has(src)) return chosen.get(src);
    const name = src.split('/').pop();
    const byName = [...chosen].filter(([path]) => path.split('/').pop() === name);
    return byName.length === 1 ? byName[0][1] : undefined;
  }

  function statusLine(src) {
    const item = element('li');
    const name = element('code', src);
    const state = element('span', ' waiting', 'state');
    item.append(name, state);
    list.append(item);
    return (text, kind) => {
      state.textContent = ` ${text}`;
      item.className = kind ?? '';
    };
  }

  async function upload(src, file, say) {
    const type = IMAGE_TYPES[extension(src)] ?? file.type;
    say('reading…');
    const claim = JSON.stringify({ sha256: await sha256(file), type, size: file.size });
    say('asking the site…');
    const asked = await api.media(claim);
    if (asked.status !== 200)
      throw new Error(asked.body?.error?.message ?? `the site answered ${asked.status}`);
    if (asked.body.stored) return { sha256: asked.body.sha256, fresh: false };
    say('uploading…');
    const { url, headers } = asked.body.upload;
    // The upload URL carries its own signature: no token goes with it.
    const put = await fetch(new URL(url, document.baseURI), { method: 'PUT', headers, body: file });
    if (!put.ok) {
      const text = await put.text();
      let message;
      try {
        message = JSON.parse(text).error?.message;
      } catch {
        message = undefined;
      }
      throw new Error(message ?? `the upload was refused (${put.status})`);
    }
    say('checking…');
    const checked = await api.mediaCheck(claim);
    if (checked.status !== 200 && checked.status !== 201)
      throw new Error(checked.body?.error?.message ?? `the site answered ${checked.status}`);
    return { sha256: checked.body.sha256, fresh: true };
  }

  return {
    /**
     * The data: URL the preview shows for a lecture's local image `src`, when a chosen raster image
     * (not SVG) matches it; undefined otherwise.
     */
    previewImage(src) {
      const path = src.replace(/^\.\//, '');
      const type = IMAGE_TYPES[extension(path)];
      const file = PREVIEWABLE.has(extension(path)) ? fileFor(path) : undefined;
      if (!file || !type) return Promise.resolve(undefined);
      if (!previews.has(file))
        previews.set(
          file,
          readAsDataUrl(file, type).catch(() => undefined),
        );
      return previews.get(file);
    },
    /** Calls `listener` whenever other files are chosen. */
    onChoose(listener) {
      chooseListeners.push(listener);
    },
    /**
     * Makes sure the site holds every figure the lecture names: {media} to publish with (src →
     * SHA-256; undefined when it names none), or {failed} with how many files could not be sent.
     */
    async prepare(text) {
      const sources = localSources(text);
      list.replaceChildren();
      if (sources.length === 0) return { media: undefined };
      const media = {};
      let failed = 0;
      let done = 0;
      const progress = () => {
        summary.textContent = `Figures: ${done} of ${sources.length} ready${failed ? `, ${failed} failed` : ''}.`;
      };
      progress();
      for (const src of sources) {
        const say = statusLine(src);
        const file = fileFor(src);
        if (!file) {
          failed++;
          say('failed: not among the chosen files; choose it (or its folder) above.', 'bad');
          progress();
          continue;
        }
        try {
          const { sha256: hash, fresh } = await upload(src, file, say);
          media[src] = hash;
          done++;
          say(fresh ? 'uploaded.' : 'already on the site.', 'ok');
        } catch (error) {
          failed++;
          say(
            `failed: ${error instanceof TypeError ? 'the site could not be reached.' : error.message}`,
            'bad',
          );
        }
        progress();
      }
      return failed > 0 ? { failed } : { media };
    },
    publicationType: layout.publicationType,
  };
}

function extension(path) {
  return (path.split('.').pop() ?? '').toLowerCase();
}
