// Which runs of the CLI give V8's optimising compiler (TurboFan) a larger budget before it takes up a
// function. By default V8 optimises a function once about 66 KB of its bytecode has run, compiling it
// on another thread. A long run gains from that budget raised sixteen times: rendering 600 slides
// spent a quarter of its CPU time compiling code it was nearly done with (0.48 s of CPU against
// 0.37 s raised). A short run does not: the compiling happens on an idle core, beside the run, while
// loading V8's module to set the flag costs about 4 ms of a 60-slide render's 190 ms. Raised when
// the lectures named come to LONG_INPUT bytes or more (a course file or a folder with subfolders
// counts as that much), and for every PowerPoint file (writing a 60-slide one takes the same wall
// time either way, within a few per cent, and 5 to 10 % less CPU with it); never for the preview,
// which runs for long and keeps V8's default, as the server does.
const { readdirSync, statSync } = require('node:fs');
const { basename, join } = require('node:path');

/** The flag a long run is given. */
const LARGER_BUDGET = `--interrupt-budget=${16 * 66 * 1024}`;

/** Lecture bytes from which a render or a check gains from the larger budget (measured break-even: 80 to 160 KB). */
const LONG_INPUT = 128 * 1024;

/** The commands that build decks, and their options that take a value (whose value is no input). */
const BUILDERS = {
  render: new Set(['-o', '--out']),
  validate: new Set(),
  pptx: new Set(['-o', '--out']),
};

const LECTURE = /\.(ya?ml|json)$/i;
const COURSE = /^course\.(ya?ml|json)$/i;

/** The bytes of the lectures a folder holds directly (a folder of lectures). */
function folderBytes(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && LECTURE.test(entry.name)) bytes += statSync(join(dir, entry.name)).size;
    else if (entry.isDirectory()) return Number.POSITIVE_INFINITY; // lectures in subfolders: several
  }
  return bytes;
}

/**
 * The V8 flags for a run of the CLI with these arguments (without node and the script): the larger
 * budget for a long run, else none. Never throws: an argument it cannot read counts for nothing (the
 * command itself reports it).
 */
function compilerFlags(argv) {
  const [command, ...rest] = argv;
  const valued = BUILDERS[command];
  if (!valued) return '';
  // Writing a PowerPoint file (zipping it above all) stays hot long enough at any size.
  if (command === 'pptx' || rest.includes('--pptx')) return LARGER_BUDGET;
  let bytes = 0;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (valued.has(arg)) i += 1;
    if (arg.startsWith('-')) continue;
    try {
      const stats = statSync(arg, { throwIfNoEntry: false });
      if (stats?.isDirectory()) bytes += folderBytes(arg);
      else if (stats?.isFile()) bytes += COURSE.test(basename(arg)) ? Number.POSITIVE_INFINITY : stats.size;
    } catch {
      // unreadable: the command reports it
    }
    if (bytes >= LONG_INPUT) return LARGER_BUDGET;
  }
  return '';
}

module.exports = { compilerFlags, LARGER_BUDGET, LONG_INPUT };
