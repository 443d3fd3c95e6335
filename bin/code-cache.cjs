// Runs a CommonJS bundle through vm.Script with V8's code cache, so that a start of the CLI reads
// compiled bytecode instead of compiling the bundle again. Node 20 has no module.enableCompileCache;
// this is the same cache by hand. The cache is keyed by the bundle's bytes and the Node version, so
// a rebuilt bundle or another Node simply makes a new one. Nothing here may make a run fail: a cache
// that cannot be read, is rejected by V8, or cannot be written only costs the compile it would save.
//
// A package only some runs need (KaTeX for a lecture with math, the preview's file watcher…) is a
// bundle of its own in lazy/ beside the main one: the main bundle's require() of that package runs
// it, on first use, the same way and with its own cache, so a run without math neither reads nor
// compiles KaTeX.
//
// CommonJS, as bin/lectern.cjs requires it: Node's ES module loader gives each built-in it imports a
// module facade of its own, which for the handful used here costs about a fifth of a bare Node start.
const { isAscii } = require('node:buffer');
const { createHash } = require('node:crypto');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const PREFIX = 'lectern-';
const SUFFIX = '.v8cache';
// The names of caches written before each bundle had its own stem: replaced like any old cache.
const UNNAMED = /^lectern-[0-9a-f]{24}\.v8cache$/;

/** Where a user would look for this cache: beside the bundle, then the OS's cache folder. */
function cacheDirs(bundle, env = process.env, platform = process.platform) {
  const dirs = [join(dirname(bundle), '.cache')];
  if (platform === 'win32' && env.LOCALAPPDATA) dirs.push(join(env.LOCALAPPDATA, 'lectern', 'Cache'));
  else if (platform === 'darwin') dirs.push(join(homedir(), 'Library', 'Caches', 'lectern'));
  else dirs.push(join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern'));
  return dirs;
}

/**
 * The cache file's name for these bundle bytes under this Node (V8 rejects a cache from another V8
 * anyway); `stem` tells the bundles apart (`cli`, `katex`…) so that each replaces only its own.
 */
function cacheName(source, stem = 'cli') {
  // The bundle's bytes (or its text, the same bytes when it is ASCII, as the build writes it).
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex');
  return `${PREFIX}${stem}-${key.slice(0, 24)}${SUFFIX}`;
}

/** The part of a cache file's name shared by every cache of the same bundle. */
function stemOf(name) {
  return name.slice(0, name.lastIndexOf('-') + 1);
}

function readCache(dirs, name) {
  for (const dir of dirs) {
    try {
      return { dir, data: readFileSync(join(dir, name)) };
    } catch {
      // not there (or unreadable): try the next place
    }
  }
  return undefined;
}

/** Write the cache into the first folder that takes it, replacing the caches of earlier builds of that bundle there. */
function writeCache(dirs, name, data) {
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, data);
      renameSync(temp, join(dir, name)); // whole or absent, even with several runs at once
      for (const old of readdirSync(dir)) {
        if (old !== name && (old.startsWith(stemOf(name)) || UNNAMED.test(old)) && old.endsWith(SUFFIX))
          rmSync(join(dir, old), { force: true });
      }
      return join(dir, name);
    } catch {
      // read-only package folder, full disk…: try the next place, else run without a cache
    }
  }
  return undefined;
}

/** Where the bundles of the packages loaded on demand are: lazy/<package>.cjs beside the main bundle. */
const LAZY_DIR = 'lazy';

/**
 * The stem of a bundle's caches under V8 `flags`: V8 takes a cache only under the flags it was made
 * with, so the caches of runs with other flags are kept apart (`cli`, `cli.1f2e3d4c`), and neither
 * replaces the other.
 */
function flaggedStem(stem, flags) {
  return flags ? `${stem}.${createHash('sha256').update(flags).digest('hex').slice(0, 8)}` : stem;
}

/**
 * Run the CommonJS bundle at `bundle` in this context, under V8 `flags` if any (set first). Returns
 * what happened to the cache: 'used', or 'absent'/'rejected' (a fresh cache is then written when
 * the process exits, after the run has compiled the functions it needed).
 */
function runBundle(bundle, dirs = cacheDirs(bundle), flags = '') {
  if (flags) require('node:v8').setFlagsFromString(flags);
  return loadBundle(bundle, dirs, flaggedStem('cli', flags), join(dirname(bundle), LAZY_DIR), flags).state;
}

function loadBundle(bundle, dirs, stem, lazyDir, flags) {
  const bytes = readFileSync(bundle);
  const name = cacheName(bytes, stem);
  // The build writes the bundles in ASCII (scripts/build.mjs): read as Latin-1 they become a one-byte
  // string at once, where decoding UTF-8 would cost more than the rest of reading the file.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cached = readCache(dirs, name);
  // The wrapper CommonJS gives a module, plus the bundle's stand-in for import.meta.url.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __bundleUrl) {${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: bundle,
    ...(cached ? { cachedData: cached.data } : {}),
  });
  const state = !cached ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  if (state !== 'used') {
    process.once('exit', () => {
      try {
        writeCache(dirs, name, script.createCachedData());
      } catch {
        // never fail a finished run over its cache
      }
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext();
  run(
    module.exports,
    lazyRequire(bundle, dirs, lazyDir, flags),
    module,
    bundle,
    dirname(bundle),
    pathToFileURL(bundle).href,
  );
  return { state, exports: module.exports };
}

// Built-ins that modules of the CLI name at their top but only some commands use: HTTP (the preview's
// server, publish's client) and the promise file API (figures, PowerPoint). Loading node:http alone
// costs a tenth of a bare Node start; a render needs neither.
const DEFERRED_BUILTINS = new Set(['node:http', 'node:fs/promises']);

/** A stand-in for the built-in `id` that loads it the first time one of its names is read. */
function deferredBuiltin(id, plain) {
  let module;
  const real = () => {
    module ??= plain(id);
    return module;
  };
  return new Proxy(
    {},
    {
      get: (_, name) => real()[name],
      has: (_, name) => name in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, name) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), name);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

/**
 * require() for a bundle: a package with a bundle in lazy/ is run from there, a deferred built-in is
 * loaded on first use, anything else as usual.
 */
function lazyRequire(bundle, dirs, lazyDir, flags) {
  const plain = createRequire(bundle);
  const loaded = new Map();
  const lazy = (id) => {
    if (loaded.has(id)) return loaded.get(id);
    if (DEFERRED_BUILTINS.has(id)) {
      const builtin = deferredBuiltin(id, plain);
      loaded.set(id, builtin);
      return builtin;
    }
    const file = join(lazyDir, `${id}.cjs`);
    if (id.startsWith('node:') || id.includes('/') || !existsSync(file)) return plain(id);
    const { exports } = loadBundle(file, dirs, flaggedStem(basename(id), flags), lazyDir, flags);
    loaded.set(id, exports);
    return exports;
  };
  return Object.assign(lazy, { resolve: plain.resolve, cache: plain.cache });
}

module.exports = { cacheDirs, cacheName, flaggedStem, writeCache, LAZY_DIR, runBundle };
