import type { TemplateSet } from '../core/deck.js';
import { LecternError } from '../core/errors.js';

/**
 * A deck theme's colours and the design tokens' fonts, read from the same style sheets the deck
 * uses (templates/themes/<name>.css over assets/lectern-tokens.css), so the PowerPoint file follows
 * a theme without a second list of colours to keep in step.
 */

export interface PptxStyle {
  /** Colours as six hex digits without `#`, as PowerPoint takes them. */
  colors: {
    bg: string;
    fg: string;
    heading: string;
    link: string;
    accent: string;
    muted: string;
    surface: string;
    rule: string;
  };
  fonts: { sans: string; serif: string; mono: string };
}

const TOKENS = 'assets/lectern-tokens.css';
// Names in a CSS font stack that no office suite knows: the first face after them is the one to ask for.
const GENERIC_FACES = new Set([
  'system-ui',
  '-apple-system',
  'blinkmacsystemfont',
  'ui-monospace',
  'ui-sans-serif',
  'ui-serif',
  'sans-serif',
  'serif',
  'monospace',
]);
const FALLBACK_FONTS = { sans: 'Arial', serif: 'Georgia', mono: 'Courier New' };

/** The custom properties of the first `:root` block of a style sheet (`--lectern-bg` → `#fbfaf6`). */
function rootProperties(css: string): Map<string, string> {
  const block = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const found = new Map<string, string>();
  for (const match of block.matchAll(/--([a-z0-9-]+)\s*:\s*([^;]+);/gi)) {
    found.set(match[1] as string, (match[2] as string).replace(/\s+/g, ' ').trim());
  }
  return found;
}

function hexColor(value: string | undefined): string | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value ?? '')?.[1];
  if (!hex) return undefined;
  const six = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return six.toUpperCase();
}

// Faces that Microsoft Office installs on Windows and macOS alike, and that LibreOffice replaces with
// metric-compatible ones: the first of these in a stack is the one a .pptx names, so the text measures
// the same wherever the file is opened.
const OFFICE_FACES = new Set([
  'arial',
  'calibri',
  'cambria',
  'consolas',
  'courier new',
  'georgia',
  'times new roman',
]);

function stackFaces(stack: string | undefined): string[] {
  return (stack ?? '')
    .split(',')
    .map((part) => part.trim().replace(/^["']|["']$/g, ''))
    .filter((face) => face !== '' && !GENERIC_FACES.has(face.toLowerCase()));
}

function officeFace(stack: string | undefined, fallback: string): string {
  const faces = stackFaces(stack);
  return faces.find((face) => OFFICE_FACES.has(face.toLowerCase())) ?? faces[0] ?? fallback;
}

/** The style of theme `theme` in `templates`; an unknown theme or a colour missing from it is an error. */
export function pptxStyle(templates: TemplateSet, theme: string): PptxStyle {
  const themeCss = templates.files[`themes/${theme}.css`];
  if (themeCss === undefined) throw new LecternError('unknown-theme', `There is no theme called "${theme}"`);
  const tokens = rootProperties(templates.files[TOKENS] ?? '');
  const own = rootProperties(themeCss);
  const color = (name: string): string => {
    const hex = hexColor(own.get(`lectern-${name}`) ?? tokens.get(`lectern-${name}`));
    if (hex === undefined) {
      throw new LecternError('theme-colour', `Theme "${theme}" has no hex colour --lectern-${name}`);
    }
    return hex;
  };
  return {
    colors: {
      bg: color('bg'),
      fg: color('fg'),
      heading: color('heading'),
      link: color('link'),
      accent: color('accent'),
      muted: color('muted'),
      surface: color('surface'),
      rule: color('rule'),
    },
    fonts: {
      sans: officeFace(tokens.get('lectern-sans'), FALLBACK_FONTS.sans),
      serif: officeFace(tokens.get('lectern-serif'), FALLBACK_FONTS.serif),
      mono: officeFace(tokens.get('lectern-mono'), FALLBACK_FONTS.mono),
    },
  };
}
