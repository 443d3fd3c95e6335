import type { DeckManifest, RenderedDeck, RenderOptions, TemplateSet } from '../deck.js';
import { orderDiagnostic } from '../diagnostic.js';
import { LecternError } from '../errors.js';
import { inlineText } from '../markdown.js';
import { withMath } from '../math/math-markup.js';
import { isMediaFile, mediaFileName } from '../media/media-entry.js';
import { mediaSource } from '../media/media-path.js';
import type { Lecture } from '../schema.js';
import { estimateMinutes } from '../speaking-time.js';
import { compileTemplates } from './compile.js';
import { viewDeck } from './deck-view.js';
import { DEFAULT_THEME, themeNames } from './themes.js';
import { deckVersion } from './version.js';

/** The deck's own style sheet for its math (KaTeX's box sizes), beside index.html. */
export const MATH_STYLESHEET = 'math.css';

/** The media folder's relative URL for a deck whose assets are at `assetsBase`: the two folders are siblings. */
export function mediaBaseFor(assetsBase: string): string {
  return assetsBase.replace(/[^/]+\/$/, 'media/');
}

/** Render a valid lecture into its deck folder: index.html, handout.html, deck.json, and math.css when it has math. */
export function renderDeck(lecture: Lecture, templates: TemplateSet, options: RenderOptions): RenderedDeck {
  const theme = lecture.theme ?? DEFAULT_THEME;
  // Validation rejects unknown themes; this guards callers that skip it from linking a missing file.
  if (!themeNames(templates).includes(theme)) {
    throw new LecternError('unknown-theme', `There is no theme called "${theme}"`);
  }
  const compiled = compileTemplates(templates);
  // The media folder sits beside the assets folder, wherever the deck is served from.
  const mediaBase = options.mediaBase ?? mediaBaseFor(options.assetsBase);
  const used = new Map<string, string>();
  const mediaUrl = (src: string) => {
    const entry = options.media?.get(src);
    if (mediaSource(src).kind !== 'local' || !entry || !isMediaFile(entry)) return src;
    const name = mediaFileName(entry);
    used.set(src, name);
    return `${mediaBase}${name}`;
  };
  const drawn = withMath(options.math, () => viewDeck(lecture, theme, options.assetsBase, mediaUrl));
  // KaTeX's style sheet and fonts, and the deck's own math.css, are linked only by a deck with math;
  // reveal.js's highlighting (900 KB of grammars to load and run) only by a deck with a code slide.
  const hasCode = drawn.result.sections.some((section) =>
    section.slides.some((slide) => slide.kind === 'code'),
  );
  const view = { ...drawn.result, hasMath: drawn.formulas > 0, hasCode };
  const media = [...used].map(([src, name]) => ({ src, name }));
  // Keys in the order of the format spec, so deck.json is stable byte for byte.
  const manifest: DeckManifest = {
    id: lecture.id,
    title: view.titleText,
    version: deckVersion(lecture, templates, media),
    slides: view.slideCount,
    warnings: options.warnings.map(orderDiagnostic),
    generatedAt: options.generatedAt,
    theme,
    ...(lecture.subtitle?.trim() && { subtitle: inlineText(lecture.subtitle) }),
    ...(lecture.course?.trim() && { course: inlineText(lecture.course) }),
    ...(lecture.date !== undefined && { date: lecture.date }),
    ...(lecture.duration !== undefined && { duration: lecture.duration }),
    estimatedMinutes: Math.round(estimateMinutes(lecture)),
  };
  return {
    manifest,
    files: {
      'index.html': compiled.deck(view),
      'handout.html': compiled.handout(view),
      'deck.json': `${JSON.stringify(manifest, null, 2)}\n`,
      ...(view.hasMath && { [MATH_STYLESHEET]: drawn.css }),
    },
    media,
  };
}
