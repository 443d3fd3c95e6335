// The live preview beside the editor: a moment after the typing stops, the lecture goes to the API's
// validate call with `?preview` (nothing is stored) and the deck it answers is shown in a sandboxed
// frame, on the slide that was showing; a lecture with errors shows them instead, marked in the text.
//
// The frame gets the deck as its srcdoc, under the page's own CSP (a srcdoc document inherits it), so
// the only scripts it runs are the site's own files, and the deck's text is escaped by the renderer
// that writes the published decks, which the site serves from this same origin. The sandbox keeps it
// from pop-ups, forms and navigating the page; allow-same-origin is there because KaTeX's fonts are
// fetched with CORS, which an opaque origin would fail. The deck reports its slide with reveal.js's
// postMessage events; the page moves it back there after each reload with reveal.js's postMessage API.
import { counted } from './dom.js';
import { createOutcome } from './outcome.js';

/** How long the text must rest before it is previewed. */
const DEBOUNCE_MS = 300;

export function createPreviewPane({ frame, status, problems }, { api, signedIn, editor }) {
  const outcome = createOutcome({ result: status, problems }, editor);
  let timer;
  /** Numbers each request, so an answer overtaken by a later one is dropped. */
  let sequence = 0;
  let shownHtml;
  /** The shown deck's math style sheet, which it cannot fetch from its srcdoc: handed to it when ready. */
  let shownCss;
  /** The slide the deck shows (reveal.js's indices); kept across reloads of the frame. */
  let slide = { indexh: 0, indexv: 0 };
  /** True from a reload until the deck is ready and back on its slide. */
  let restoring = false;

  /** Sends the deck a message; only a document of the site's own origin (the srcdoc deck) receives it. */
  function post(message) {
    frame.contentWindow?.postMessage(JSON.stringify(message), window.location.origin);
  }

  window.addEventListener('message', (event) => {
    // Only the frame's own deck, known by its window.
    if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
    if (typeof event.data !== 'string') return;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message?.namespace !== 'reveal') return;
    if (message.eventName === 'ready') {
      if (shownCss) post({ lecternStylesheet: shownCss });
      const { indexh, indexv, indexf } = slide;
      post({ method: 'slide', args: Number.isInteger(indexf) ? [indexh, indexv, indexf] : [indexh, indexv] });
      restoring = false;
      return;
    }
    const state = message.state;
    if (restoring || !Number.isInteger(state?.indexh)) return;
    slide = {
      indexh: state.indexh,
      indexv: Number.isInteger(state.indexv) ? state.indexv : 0,
      ...(Number.isInteger(state.indexf) && { indexf: state.indexf }),
    };
  });

  // A frame whose document has the focus does not match :focus in the page: mark it, so the focus stays visible.
  window.addEventListener('blur', () =>
    setTimeout(() => frame.classList.toggle('focused', document.activeElement === frame)),
  );
  window.addEventListener('focus', () => frame.classList.remove('focused'));

  function showDeck({ html, css }) {
    frame.hidden = false;
    if (html === shownHtml && css === shownCss) return;
    shownHtml = html;
    shownCss = css;
    restoring = true;
    frame.srcdoc = html;
  }

  /** The summary and problems shown last: a pause in typing that changes nothing says nothing again. */
  let shown;
  function showOutcome(kind, message, errors = []) {
    // The list quotes each error's line: a change to that line is news too.
    const next = JSON.stringify([kind, message, errors, errors.map((problem) => editor.line(problem.line))]);
    if (next === shown) return;
    shown = next;
    outcome.show(kind, message, errors);
  }

  function showMessage(kind, message, errors = []) {
    frame.hidden = true;
    showOutcome(kind, message, errors);
  }

  async function run() {
    const text = editor.text();
    if (!text.trim()) return showMessage('', 'The preview shows the lecture here as you type.');
    if (!signedIn()) return showMessage('', 'Sign in above to see the preview.');
    const mine = ++sequence;
    let answer;
    try {
      answer = await api.preview(text, editor.contentType());
    } catch {
      if (mine === sequence) showMessage('bad', 'The server could not be reached for the preview.');
      return;
    }
    // The text changed while this answer was on its way: a newer request follows.
    if (mine !== sequence || text !== editor.text()) return;
    if (answer.status !== 200) {
      const details = answer.body?.error?.details ?? [];
      showMessage('bad', answer.body?.error?.message ?? `The server answered ${answer.status}.`, details);
      editor.markErrorLines(details);
      return;
    }
    const { valid, errors, warnings, preview } = answer.body;
    if (!valid) {
      showMessage('bad', `${counted(errors.length, 'error')}: the preview comes back when fixed.`, errors);
    } else {
      const extra = warnings.length ? `, ${counted(warnings.length, 'warning')} (marked in the text)` : '';
      showOutcome('ok', `Preview: ${counted(preview.slides, 'slide')}${extra}.`);
      showDeck(preview);
    }
    editor.markErrorLines(errors, warnings);
  }

  /** Previews the text once it has rested for a moment. */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  editor.onChange(schedule);
  return { refresh: schedule };
}
