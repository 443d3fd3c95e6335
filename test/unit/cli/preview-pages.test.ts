import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { errorPage, indexPage, withPreviewScript } from '../../../lambdas/cli/preview/pages.js';
import { formatWithSource, sourceExcerpt } from '../../../lambdas/cli/preview/source-excerpt.js';
import type { Diagnostic } from '../../../lambdas/core/errors.js';

const HOSTILE_LINE = 'title: "<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
const error = (line: number, col: number, message = 'bad'): Diagnostic => ({
  severity: 'error',
  code: 'x',
  path: 'title',
  message,
  line,
  col,
});

describe('the preview error page', () => {
  it('quotes the offending line and marks the column, with file, line, column, path and message', () => {
    const text = 'id: x\ntitle: [1, 2\n';
    const html = errorPage(
      { file: 'lec.yaml', id: 'x', diagnostics: [error(2, 8, 'a [ never closed')] },
      text,
    );
    const { document } = parseHTML(html);
    expect(document.querySelector('.preview-where')?.textContent).toBe('lec.yaml:2:8');
    expect(document.querySelector('.preview-path')?.textContent).toBe('title');
    expect(document.querySelector('.preview-message')?.textContent).toBe('a [ never closed');
    expect(document.querySelector('.preview-source')?.textContent).toBe('2 | title: [1, 2');
    expect(document.querySelector('.preview-source mark')?.textContent).toBe('[');
  });

  it('shows hostile lecture text as text: the only script is the preview own file', () => {
    const html = errorPage(
      { file: 'x<b>.yaml', id: 'x', diagnostics: [error(1, 8, `unknown "${HOSTILE_LINE}"`)] },
      HOSTILE_LINE,
    );
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script').length).toBe(1);
    expect(document.querySelector('script')?.getAttribute('src')).toBe('/_preview/preview.js');
    expect(document.querySelectorAll('img, b, [onerror]').length).toBe(0);
    expect(document.querySelector('.preview-source')?.textContent).toBe(`1 | ${HOSTILE_LINE}`);
  });

  it('lists decks and broken files on the index, escaped', () => {
    const { document } = parseHTML(
      indexPage([{ file: '<i>a</i>.yaml', id: 'a', diagnostics: [error(1, 1)] }]),
    );
    expect(document.querySelector('li a')?.getAttribute('href')).toBe('/a/');
    expect(document.querySelector('li')?.textContent).toContain('<i>a</i>.yaml');
    expect(document.querySelectorAll('i').length).toBe(0);
  });

  it('adds the preview script before </body> only in what it serves', () => {
    expect(withPreviewScript('<html><body><p>x</p></body></html>')).toBe(
      '<html><body><p>x</p><script src="/_preview/preview.js" data-events="/_preview/events" async></script>\n</body></html>',
    );
  });
});

describe('quoting a source line', () => {
  it('points a caret at the column in the terminal', () => {
    expect(formatWithSource('f.yaml', error(2, 3), 'a: 1\nb:: 2\n')).toBe(
      'f.yaml:2:3  title  bad\n  2 | b:: 2\n    |   ^',
    );
  });

  it('cuts a very long line around the column', () => {
    const line = `${'x'.repeat(500)}!${'y'.repeat(500)}`;
    const excerpt = sourceExcerpt(line, error(1, 501));
    expect(excerpt?.text.length).toBe(160);
    expect(excerpt?.text[(excerpt?.col ?? 0) - 1]).toBe('!');
  });

  it('has nothing to quote without a line', () => {
    expect(sourceExcerpt('a: 1', { severity: 'error', code: 'x', path: '', message: 'm' })).toBeUndefined();
  });
});
