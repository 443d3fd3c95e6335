// The lecture text box: line numbers beside it, the lines with errors marked, a line to jump to, and
// a file to load into it.
import { element } from './dom.js';

/**
 * Wires the text box, its gutter and marks, and the file input; `onFileLoaded(name)` runs after a file
 * has been read into the box.
 */
export function createEditor({ textArea, fileInput, gutter, marks }, { onFileLoaded }) {
  /** The format of the file last loaded, until the text is edited. */
  let fileFormat;
  /** Lines (1-based) the last answer found errors on; marked in the gutter until the text changes. */
  let errorLines = new Set();

  /** The text box's lines, as the API counts them (1-based in messages). */
  const lines = () => textArea.value.split('\n');
  const lineHeight = (style) => Number.parseFloat(style.lineHeight) || 20;

  /** Keeps the line numbers and the marks level with the text box's text as it scrolls. */
  function followScroll() {
    gutter.scrollTop = textArea.scrollTop;
    const style = getComputedStyle(textArea);
    const height = lineHeight(style);
    const top = Number.parseFloat(style.paddingTop) || 0;
    for (const mark of marks.children) {
      // Style set through the CSSOM, which the page's CSP allows (it forbids style attributes in markup).
      mark.style.top = `${top + (Number(mark.dataset.line) - 1) * height - textArea.scrollTop}px`;
      mark.style.height = `${height}px`;
    }
  }

  /** Scrolls the text box so a line is in view, a few lines from the top. */
  function scrollToLine(line) {
    textArea.scrollTop = Math.max(0, lineHeight(getComputedStyle(textArea)) * (line - 4));
    followScroll();
  }

  /** The line numbers beside the text box, with the lines that have errors marked. */
  function renderGutter() {
    const nodes = [];
    for (let line = 1; line <= lines().length; line += 1) {
      const number = element('span', String(line), errorLines.has(line) ? 'line bad' : 'line');
      nodes.push(number, document.createTextNode('\n'));
    }
    gutter.replaceChildren(...nodes);
    marks.replaceChildren(
      ...[...errorLines].map((line) => {
        const mark = element('div', undefined, 'mark');
        mark.dataset.line = String(line);
        return mark;
      }),
    );
    followScroll();
  }

  function markErrorLines(errors) {
    errorLines = new Set(errors.map((problem) => problem.line).filter((line) => Number.isInteger(line)));
    if (errorLines.size > 0) textArea.setAttribute('aria-invalid', 'true');
    else textArea.removeAttribute('aria-invalid');
    renderGutter();
    const first = Math.min(...errorLines);
    if (Number.isFinite(first)) scrollToLine(first);
  }

  /** Selects a line (from a column, when given) and scrolls it into view. */
  function selectLine(line, col) {
    const all = lines();
    const index = Math.min(Math.max(line, 1), all.length) - 1;
    let start = 0;
    for (let i = 0; i < index; i += 1) start += all[i].length + 1;
    const end = start + all[index].length;
    textArea.focus();
    textArea.setSelectionRange(col ? Math.min(start + col - 1, end) : start, end);
    scrollToLine(line);
  }

  textArea.addEventListener('input', () => {
    fileFormat = undefined;
    if (errorLines.size > 0) markErrorLines([]);
    else renderGutter();
  });
  textArea.addEventListener('scroll', followScroll);
  async function loadFile(file) {
    textArea.value = await file.text();
    fileFormat = /\.json$/i.test(file.name) ? 'json' : 'yaml';
    renderGutter();
    onFileLoaded(file.name);
  }
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) await loadFile(file);
  });
  renderGutter();

  return {
    text: () => textArea.value,
    /** Loads a lecture file (one found in a chosen folder) as if it had been opened. */
    loadFile,
    /** The Content-Type to send the text as: the loaded file's format, else JSON when it looks like JSON. */
    contentType() {
      const format = fileFormat ?? (textArea.value.trimStart().startsWith('{') ? 'json' : 'yaml');
      return format === 'json' ? 'application/json' : 'application/yaml';
    },
    line: (number) => lines()[number - 1],
    selectLine,
    markErrorLines,
  };
}
