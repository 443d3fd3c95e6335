// Starts reveal.js for a Lectern deck. It lives in a file rather than inline in the page so decks
// run under a Content-Security-Policy of script-src 'self'. Per-deck settings come from data-
// attributes on the .reveal element, never from inline code.
(() => {
  const root = document.querySelector('.reveal');
  const data = root ? root.dataset : {};
  const plugins = [window.RevealNotes, window.RevealHighlight, window.RevealSearch, window.RevealZoom].filter(
    Boolean,
  );

  // `?speaker` (the course page's "Speaker view" link) opens the speaker window once the deck is
  // ready. reveal.js's own `?notes` would open it while the deck starts, and a blocked pop-up there
  // stops the deck; here a refusal leaves the deck running and offers a button, since a click may
  // open what a page load may not.
  const url = new URL(window.location.href);
  const wantsSpeaker = url.searchParams.has('speaker');
  if (wantsSpeaker) {
    url.searchParams.delete('speaker');
    window.history.replaceState(null, '', url.href);
  }

  // A deck written into a frame as its srcdoc (the instructors' page's live preview) has no URL of its
  // own to keep the slide in: the page that wrote it keeps the
  // slide, told of each change by reveal.js's postMessage events, which go to that page only.
  const inPreviewFrame = window.location.href === 'about:srcdoc' && window.parent !== window;

  // Nor can it fetch a style sheet of its own folder (math.css): the page sends its text, adopted as a
  // constructed style sheet (which the CSP allows, as it would not an inline <style>). Only from the
  // page that wrote the frame.
  if (inPreviewFrame) {
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || typeof event.data !== 'string') return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof message?.lecternStylesheet !== 'string') return;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(message.lecternStylesheet);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
  }

  // The speaker view (reveal.js's notes window) shows each slide's notes in a page of its own, which
  // has none of the deck's style sheets: a formula there would show as bare HTML beside its MathML.
  // It says "connected" to this page when it opens; a window of this origin then gets copies of the
  // deck's math style sheets (links to the same files, or the inlined text of a single-file deck).
  const mathSheets = [...document.querySelectorAll('[data-lectern-math]')];
  if (mathSheets.length > 0) {
    window.addEventListener('message', (event) => {
      if (typeof event.data !== 'string' || !event.data.includes('reveal-notes')) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message?.namespace !== 'reveal-notes' || message.type !== 'connected') return;
      let speaker;
      try {
        speaker = event.source.document; // throws for a window of another origin
      } catch {
        return;
      }
      if (!speaker?.head || speaker.querySelector('[data-lectern-math]')) return;
      for (const sheet of mathSheets) speaker.head.appendChild(copySheet(speaker, sheet));
    });
  }

  function copySheet(target, sheet) {
    const copy = target.createElement(sheet.localName);
    if (sheet.localName === 'link') {
      copy.rel = 'stylesheet';
      copy.href = sheet.href; // absolute: the speaker window's own URL is about:blank
    } else {
      copy.textContent = sheet.textContent;
    }
    copy.setAttribute('data-lectern-math', '');
    return copy;
  }

  function openSpeakerView() {
    const notes = window.Reveal.getPlugin('notes');
    try {
      notes.open();
      return true;
    } catch {
      return false; // the browser blocked the window: the plugin fails on its missing window
    }
  }

  function offerSpeakerButton() {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lectern-speaker-button';
    button.textContent = 'Open the speaker view';
    button.addEventListener('click', () => {
      if (openSpeakerView()) button.remove();
    });
    document.body.appendChild(button);
    button.focus();
  }

  window.Reveal.initialize({
    // Slide ids become URL fragments (#/treaty-1950), so a link can point at one slide.
    hash: !inPreviewFrame,
    postMessageEvents: inPreviewFrame,
    // A narrow preview frame still shows slides, as the deck does on a projector, not the scroll view.
    ...(inPreviewFrame && { scrollActivationWidth: 0 }),
    // reveal.js's own live region reads each new slide to screen readers.
    transition: data.transition || 'slide',
    slideNumber: data.slideNumber || 'c/t',
    showNotes: data.showNotes === 'true',
    // Right-to-left languages (ar, he, fa…): reveal.js mirrors the slide order, arrows and progress bar.
    rtl: data.rtl === 'true',
    // Printing (?print-pdf) gives one page per slide: all its fragments shown, never split over pages.
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins,
  }).then(() => {
    if (wantsSpeaker && !openSpeakerView()) offerSpeakerButton();
  });
})();
