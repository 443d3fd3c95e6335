import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../lambdas/core/limits.js';
import { mayHaveMath } from '../../../lambdas/core/math/math-engine.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { buildDeck, checkLecture } from '../../../lambdas/core/pipeline.js';
import { loadMathEngine } from '../../../lambdas/node/math-katex.js';
import { colOf, deck, lineOf, MARK, SLIDE, THEMES } from './lecture-helpers.js';
import { dom, templates, text } from './render-helpers.js';

const math = await loadMathEngine();
const MATH_FILE = join(import.meta.dirname, '../../fixtures/lectures/math.yaml');

/** The pipeline's whole answer for a lecture, math drawn by KaTeX. */
function buildResult(source: string) {
  return buildDeck(source, {
    templates: templates(),
    assetsBase: '../assets/',
    generatedAt: '2026-12-01T00:00:00.000Z',
    math,
  });
}

function build(source: string) {
  const built = buildResult(source);
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.deck;
}

describe('math: TeX drawn when the deck is built', () => {
  const built = build(readFileSync(MATH_FILE, 'utf8'));
  const deckDoc = dom(built.files['index.html']);
  const handoutDoc = dom(built.files['handout.html']);

  it('gives every formula MathML for screen readers and KaTeX HTML for the eye, in deck and handout', () => {
    for (const doc of [deckDoc, handoutDoc]) {
      const formulas = [...doc.querySelectorAll('.katex')];
      // title, first point, two in the notes, the math slide, its caption
      expect(formulas.length).toBeGreaterThanOrEqual(6);
      for (const f of formulas) {
        expect(f.querySelector('math annotation[encoding="application/x-tex"]')).not.toBeNull();
        expect(f.querySelector('.katex-html')?.getAttribute('aria-hidden')).toBe('true');
      }
    }
    const slide = deckDoc.querySelector('section.lectern-math');
    expect(slide?.querySelector('.lectern-formula .katex-display')).not.toBeNull();
    expect(text(slide?.querySelector('annotation'))).toContain('\\frac{\\ln 2}{\\ln (1 + g)}');
    expect(text(slide?.querySelector('figcaption em'))).toBe('rule of seventy');
    expect(deckDoc.querySelector('aside.notes .katex-display')).not.toBeNull();
  });

  it('keeps $ a dollar and a code span code', () => {
    const point = deckDoc.querySelector('.lectern-points li');
    expect(point?.textContent).toContain('for $5 a head');
    const second = deckDoc.querySelectorAll('.lectern-points li')[1];
    expect(second?.querySelector('code')?.textContent).toBe('\\(x\\)');
    expect(second?.querySelector('.katex')).toBeNull();
  });

  it('moves every style attribute into math.css, which the deck and the handout link with KaTeX', () => {
    for (const html of [built.files['index.html'], built.files['handout.html']]) {
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).toContain('href="../assets/katex/katex.min.css"');
      expect(html).toContain('href="math.css"');
    }
    const css = built.files['math.css'] ?? '';
    const used = new Set(
      [...(built.files['index.html'] ?? '').matchAll(/data-lectern-style="(\d+)"/g)].map((m) => m[1]),
    );
    expect(used.size).toBeGreaterThan(3);
    for (const n of used)
      expect(css).toMatch(new RegExp(`\\[data-lectern-style="${n}"\\]\\{[a-z-]+:[^}]+!important`));
  });

  it('adds nothing to a lecture without math: no KaTeX link, no math.css', () => {
    const plain = build(deck());
    expect(Object.keys(plain.files).sort()).toEqual(['deck.json', 'handout.html', 'index.html']);
    expect(plain.files['index.html']).not.toContain('katex');
    expect(mayHaveMath(deck())).toBe(false);
  });

  it('never says "no math" for math spelled through escapes, anchors or tags', () => {
    const formula = String.raw`\(x^2\)`;
    const spellings = [
      JSON.stringify({ title: formula }).replace(/\\\\/g, '\\u005c'),
      `title: "\\x5c(x^2\\x5c)"`,
      `title: "\\\\\\\n  (x^2\\\\)"`,
      `kind: !!str math`,
      `a: &k math\nkind: *k`,
      `{"kind": "m\\u0061th"}`,
    ];
    for (const text of spellings) {
      // Each really is math once parsed: a delimiter in a string, or the kind "math".
      const value = JSON.stringify(parseLecture(text).value);
      expect(value.includes(String.raw`\\(`) || /"kind":"math"/.test(value), text).toBe(true);
      expect(mayHaveMath(text), text).toBe(true);
    }
    expect(mayHaveMath('title: The aftermath of 1950\nkind: quote\n')).toBe(false);
  });
});

describe('math: errors', () => {
  const checkWith = (source: string, engine = math) =>
    checkLecture(source, { themes: THEMES, ...(engine && { math: engine }) });

  const rows = [
    {
      name: 'TeX that does not parse, in a point',
      text: deck({ slide: `- points:\n    - "Growth \\\\(\\\\frac{1}{2\\\\)" ${MARK}\n  notes: "N."` }),
      path: `${SLIDE}.points[0]`,
      message: /^TeX does not parse: .+/,
      at: '"Growth',
    },
    {
      name: 'an unknown command in the notes',
      text: deck({ slide: `- points: [a]\n  notes: "See \\\\(\\\\nocommand x\\\\)" ${MARK}` }),
      path: `${SLIDE}.notes`,
      message: /^TeX does not parse: Undefined control sequence: \\nocommand/,
      at: 'notes',
    },
    {
      name: 'a math slide whose tex does not parse',
      text: deck({ slide: `- kind: math\n  tex: "x^{2" ${MARK}\n  notes: "N."` }),
      path: `${SLIDE}.tex`,
      message: /^TeX does not parse: Expected '\}'/,
      at: 'tex',
    },
  ];
  for (const row of rows) {
    it(`${row.name} → tex-error at its path, line and column`, () => {
      const checked = checkWith(row.text);
      expect(checked.ok).toBe(false);
      expect(checked.diagnostics).toHaveLength(1);
      const [d] = checked.diagnostics;
      expect(d).toMatchObject({ severity: 'error', code: 'tex-error', path: row.path });
      expect(d?.message).toMatch(row.message);
      expect(d?.line).toBe(lineOf(row.text));
      expect(d?.col).toBe(colOf(row.text, row.at));
    });
  }

  it('a math slide without tex is a missing-field error at its line', () => {
    const source = deck({ slide: `- kind: math ${MARK}\n  caption: "c"\n  notes: "N."` });
    const checked = checkWith(source);
    expect(checked.diagnostics[0]).toMatchObject({
      code: 'missing-field',
      path: `${SLIDE}.tex`,
      line: lineOf(source),
    });
  });

  it('says so when there is math and no engine to draw it', () => {
    const source = deck({ slide: `- kind: math\n  tex: "x^2" ${MARK}\n  notes: "N."` });
    const checked = checkLecture(source, { themes: THEMES });
    expect(checked.diagnostics[0]).toMatchObject({
      code: 'math-unavailable',
      path: `${SLIDE}.tex`,
      line: lineOf(source),
    });
  });

  it('refuses TeX that would link or load (KaTeX trust is off)', () => {
    const source = deck({
      slide: `- kind: math\n  tex: "\\\\href{javascript:alert(1)}{x}" ${MARK}\n  notes: "N."`,
    });
    const built = buildResult(source);
    expect(built.ok).toBe(true);
    if (built.ok) expect(built.deck.files['index.html']).not.toMatch(/href="javascript|<a\s/);
  });
});

describe('math: checked by parsing, drawn once', () => {
  const check = math.check;
  if (!check) throw new Error('the KaTeX engine checks without drawing');
  const drawingFails = {
    check,
    render(): string {
      throw new Error('drawn');
    },
  };
  const source = readFileSync(MATH_FILE, 'utf8');

  it('checks a lecture without drawing any of its formulas', () => {
    const checked = checkLecture(source, { themes: THEMES, math: drawingFails });
    expect(checked.ok).toBe(true);
    const wrong = deck({ slide: `- kind: math\n  tex: "x^{2" ${MARK}\n  notes: "N."` });
    const refused = checkLecture(wrong, { themes: THEMES, math: drawingFails });
    expect(refused.diagnostics).toEqual([
      expect.objectContaining({
        code: 'tex-error',
        message: expect.stringMatching(/^TeX does not parse: Expected '\}'/),
      }),
    ]);
  });

  it('refuses what drawing refuses, with the same message, parse errors and draw errors alike', () => {
    const refusedByDrawing = [
      'x^{2',
      '\\nocommand',
      '\\frac{1}',
      '\\begin{matrix}a\\end{pmatrix}',
      // KaTeX parses these, and its HTML has no glyph for them.
      '\\char"1D6A4',
      '\\text{\u{1D6A4}}',
      '\\@char{55349}',
    ];
    for (const tex of refusedByDrawing) {
      for (const display of [false, true]) {
        let drawError = '';
        try {
          math.render(tex, display);
        } catch (error) {
          drawError = (error as Error).message;
        }
        expect(drawError, tex).not.toBe('');
        expect(() => check(tex, display), tex).toThrow(drawError);
      }
    }
    for (const tex of [
      '\\char"41',
      '\\tag{1} x',
      '\\begin{pmatrix}a\\\\b\\end{pmatrix}',
      '\\mathbf{\u{1D400}}',
    ]) {
      expect(() => check(tex, true), tex).not.toThrow();
      expect(() => math.render(tex, true), tex).not.toThrow();
    }
  });
  it('draws a formula nested too deep to draw when checking it, so the error has its place', () => {
    // Parses (KaTeX's parser takes less of the stack a level), and overflows the stack when drawn.
    const tex = `${'x^{'.repeat(1400)}x${'}'.repeat(1400)}`;
    const source = deck({ slide: `- kind: math\n  tex: "${tex}" ${MARK}\n  notes: "N."` });
    const built = buildResult(source);
    expect(built.ok).toBe(false);
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ code: 'tex-error', path: `${SLIDE}.tex`, line: lineOf(source) }),
    ]);
  });
});

describe('math: a bound on the parts formulas read as', () => {
  const withPoints = (points: string[]) =>
    JSON.stringify({ id: 'm', title: 'T', sections: [{ title: 'A', slides: [{ points }] }] });
  const errorsIn = (points: string[]) =>
    checkLecture(withPoints(points), { themes: THEMES, math }).diagnostics.filter(
      (d) => d.severity === 'error',
    );

  it(`refuses formulas of few characters that read as more than ${LIMITS.texParts} parts, at the formula that passes it`, () => {
    // \LaTeX is six characters that stand for a few dozen parts: 20 such formulas stay far under the
    // bound on characters and far over the one on parts.
    const points = Array.from({ length: 20 }, (_, i) => `\\(${i}${'\\LaTeX'.repeat(60)}\\)`);
    expect(points.join('').length).toBeLessThan(LIMITS.texCharacters);
    const errors = errorsIn(points);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'over-limit',
        message: expect.stringMatching(/more than 12000 parts/),
      }),
    ]);
    const at = Number(/points\[(\d+)\]$/.exec(errors[0]?.path ?? '')?.[1]);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(19);
    // The formulas before the one that passes the bound are within it.
    expect(errorsIn(points.slice(0, at))).toEqual([]);
  });

  it('lets a maths-heavy lecture through: 150 formulas of the usual kind', () => {
    const formula = (i: number) =>
      `\\(\\int_0^{${i}} e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2} + \\sum_{k=1}^{n} \\binom{n}{k} x^k\\)`;
    expect(errorsIn(Array.from({ length: 150 }, (_, i) => formula(i)))).toEqual([]);
  });
});

describe('math: formulas may not define macros', () => {
  const errorsOf = (tex: string) => {
    const text = deck({ slide: `- kind: math\n  tex: ${JSON.stringify(tex)} ${MARK}\n  notes: "N."` });
    return { text, diagnostics: checkLecture(text, { themes: THEMES, math }).diagnostics };
  };

  for (const [tex, definer] of [
    ['\\def\\x{a+a}\\x\\x', '\\def'],
    ['\\gdef\\x#1{#1#1}\\x{y}', '\\gdef'],
    ['\\edef\\x{a}\\x', '\\edef'],
    ['\\xdef\\x{a}\\x', '\\xdef'],
    ['\\newcommand{\\R}{\\mathbb{R}} x \\in \\R', '\\newcommand'],
    ['\\renewcommand{\\ne}{=} a \\ne b', '\\renewcommand'],
    ['\\providecommand\\x{a}\\x', '\\providecommand'],
    ['\\global\\def\\x{a}\\x', '\\def'],
  ] as const) {
    it(`refuses ${definer} in ${tex} with a tex-error at its place`, () => {
      const { text, diagnostics } = errorsOf(tex);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        severity: 'error',
        code: 'tex-error',
        path: `${SLIDE}.tex`,
        line: lineOf(text),
      });
      expect(diagnostics[0]?.message).toContain(`defines a macro (${definer})`);
    });
  }

  it('reads TeX as KaTeX does: a line break before "def", \\verb text and longer names are no definition', () => {
    for (const tex of [
      '\\begin{aligned}a\\\\def\\end{aligned}',
      '\\verb|\\def\\x{a}|',
      '\\text{\\defx}',
      '\\tag{1} x',
      '\\let\\x=y',
    ]) {
      const errors = errorsOf(tex).diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.every((d) => !d.message.includes('defines a macro')),
        tex,
      ).toBe(true);
    }
  });
});

describe('math: a formula writes nothing to the console', () => {
  it('reads \\message, \\errmessage and \\show, and draws and logs nothing for them', () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    try {
      const tex = 'x \\message{a line in the log} \\errmessage{another} \\show\\frac y';
      math.check?.(tex, false);
      expect(math.render(tex, false)).toBe(math.render('x y', false).replace('x y', tex));
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
