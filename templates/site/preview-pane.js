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
//
// Most edits change only the slides: when the new deck page is the shown one but for its slides (and
// title), the new slides go into the running deck in the frame (same origin) instead of a new srcdoc,
// and reveal.js is synced and kept on its slide and fragment, with no reload. The figures the
// instructor picked but has not uploaded yet are shown from the picked files (data: URLs, raster
// images only), in the preview alone.
import { counted } from './dom.js';
import { createOutcome } from './outcome.js';

/** How long the text must rest before it is previewed. */
const DEBOUNCE_MS = 300;

/** A deck page less its slides and title: two pages with the same can be swapped one into the other. */
function frameOf(doc) {
  const slides = doc.querySelector('.reveal > .slides');
  const title = doc.querySelector('title');
  if (!slides || !title) return undefined;
  const kids = [...slides.childNodes];
  const text = title.textContent;
  slides.replaceChildren();
  title.textContent = '';
  const key = doc.documentElement.outerHTML;
  slides.replaceChildren(...kids);
  title.textContent = text;
  return key;
}

export function createPreviewPane({ frame, status, problems }, { api, signedIn, editor, figures }) {
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
  /** The shown page's frame (`frameOf`), once its deck is running: a page with the same is swapped in. */
  let runningFrame;
  const parser = new DOMParser();

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
      runningFrame = loadingFrame;
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

  /** The frame of the page last written into the frame, until its deck says it is ready. */
  let loadingFrame;

  /** Puts the picked, not yet uploaded, images in place of their paths; true when one was. */
  async function showPickedImages(doc) {
    if (!figures) return false;
    const images = [...doc.querySelectorAll('.reveal img[src]')];
    const found = await Promise.all(images.map((image) => figures.previewImage(image.getAttribute('src'))));
    images.forEach((image, n) => {
      if (found[n]) image.setAttribute('src', found[n]);
    });
    return found.some(Boolean);
  }

  /** The new slides into the running deck; false when it cannot take them (it is then reloaded). */
  function swapSlides(doc, key, css) {
    const deck = frame.contentWindow;
    const reveal = deck?.Reveal;
    const current = frame.contentDocument?.querySelector('.reveal > .slides');
    const slides = doc.querySelector('.reveal > .slides');
    if (key === undefined || key !== runningFrame || !current || !slides || !reveal?.isReady?.())
      return false;
    try {
      if (css !== shownCss && css) {
        // A constructed sheet of the frame's own window, in place of the math sheet it adopted.
        const sheet = new deck.CSSStyleSheet();
        sheet.replaceSync(css);
        frame.contentDocument.adoptedStyleSheets = [sheet];
      }
      const { h, v, f } = reveal.getIndices();
      current.replaceChildren(...slides.childNodes);
      frame.contentDocument.title = doc.title;
      // The code highlighter prepares the code blocks it finds when it starts: the new ones too.
      if (reveal.hasPlugin('highlight') && current.querySelector('pre code')) {
        reveal.getPlugin('highlight').init(reveal);
      }
      reveal.sync();
      reveal.slide(h, v, f);
      return true;
    } catch {
      return false;
    }
  }

  async function showDeck({ html, css }, stillWanted) {
    const doc = parser.parseFromString(html, 'text/html');
    const picked = await showPickedImages(doc);
    if (!stillWanted()) return;
    frame.hidden = false;
    // The page as the frame shows it: the same text, or with the picked images in it.
    const page = picked ? `<!doctype html>\n${doc.documentElement.outerHTML}` : html;
    if (page === shownHtml && css === shownCss) return;
    const key = frameOf(doc);
    if (swapSlides(doc, key, css)) {
      shownHtml = page;
      shownCss = css;
      return;
    }
    shownHtml = page;
    shownCss = css;
    runningFrame = undefined;
    loadingFrame = key;
    restoring = true;
    frame.srcdoc = page;
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
      await showDeck(preview, () => mine === sequence && text === editor.text());
    }
    editor.markErrorLines(errors, warnings);
  }

  /** Previews the text once it has rested for a moment. */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  editor.onChange(schedule);
  // Other figures picked: the preview shows them at once.
  figures?.onChoose(() => {
    shownHtml = undefined;
    schedule();
  });
  return { refresh: schedule };
}
