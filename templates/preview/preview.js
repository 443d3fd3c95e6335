// The live preview's page script, served by `lectern preview` only (never part of a rendered deck).
// It listens to the preview's change events, from the same origin (connect-src 'self'), and brings
// this tab up to date when its page changed.
//
// A deck whose new render differs only in its slides takes them in place: the event carries them,
// with a key of everything else in the page (theme, style sheets, settings, scripts) that must match
// the key this page was served with. The slides are put in place of the old ones and reveal.js is
// synced and sent back to the slide and fragment it showed: nothing reloads, and the tab repaints at
// once. Anything else (a new theme, math or code appearing, the error page coming or going, a swap
// that fails) reloads the tab, and reveal.js finds the slide again from the URL hash.
(() => {
  const script = document.currentScript;
  const source = script?.dataset.events;
  if (!source) return;
  const frameKey = script.dataset.frame;
  const here = window.location.pathname;
  /** The deck's math style sheet as last received, adopted in place of the math.css it loaded. */
  let mathSheet;

  /** Shows a deck's new render in place; throws when only a reload will do. */
  function takeNewSlides(update) {
    const reveal = window.Reveal;
    const current = document.querySelector('.reveal > .slides');
    if (!update || !frameKey || update.frame !== frameKey || typeof update.slides !== 'string') {
      throw new Error('the page around the slides changed');
    }
    if (!current || typeof reveal?.isReady !== 'function' || !reveal.isReady()) {
      throw new Error('the deck is not running');
    }
    // Parsed inert (a template runs nothing and loads nothing) before it goes into the page.
    const parsed = document.createElement('template');
    parsed.innerHTML = update.slides;
    if (typeof update.math === 'string') adoptMathStyle(update.math);
    const { h, v, f } = reveal.getIndices();
    current.replaceChildren(parsed.content);
    if (typeof update.title === 'string') document.title = update.title;
    // The code highlighter prepares the code blocks it finds when it starts: the new ones too.
    const highlight = reveal.hasPlugin?.('highlight') ? reveal.getPlugin('highlight') : undefined;
    if (highlight && current.querySelector('pre code')) highlight.init(reveal);
    reveal.sync();
    reveal.slide(h, v, f);
    // reveal.js announces a slide change only when the indices move. When they stay, the slide shown
    // is still a new one: announce it, so that what follows the current slide (the speaker view's
    // notes, from reveal.js's notes plugin) shows the new text.
    const now = reveal.getIndices();
    if (now.h === h && now.v === v) {
      reveal.dispatchEvent({
        type: 'slidechanged',
        data: { indexh: h, indexv: v, previousSlide: null, currentSlide: reveal.getCurrentSlide() },
      });
    }
  }

  /**
   * The deck's math.css (the formulas' inline styles as classes) changes with its formulas: the new
   * text is adopted as a constructed style sheet (which the CSP allows, as it would not a <style>),
   * and the linked copy, now stale, goes.
   */
  function adoptMathStyle(css) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const others = document.adoptedStyleSheets.filter((adopted) => adopted !== mathSheet);
    document.adoptedStyleSheets = [...others, sheet];
    mathSheet = sheet;
    for (const link of document.querySelectorAll('link[rel="stylesheet"][href="math.css"]')) link.remove();
  }

  const events = new EventSource(source);
  events.addEventListener('change', (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    const moved = message.moved?.[here];
    if (typeof moved === 'string') {
      window.location.replace(moved + window.location.hash);
    } else if (Array.isArray(message.changed) && message.changed.includes(here)) {
      try {
        takeNewSlides(message.decks?.[here]);
      } catch {
        window.location.reload();
      }
    }
  });
  // Closing the stream before unload, so the server forgets this tab at once.
  window.addEventListener('pagehide', () => events.close());
})();
