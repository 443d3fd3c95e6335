// Starts reveal.js for a Lectern deck. It lives in a file rather than an inline <script> so decks
// run under a Content-Security-Policy of script-src 'self'. Per-deck settings come from data-
// attributes on the .reveal element, never from inline code.
(() => {
  const root = document.querySelector('.reveal');
  const data = root ? root.dataset : {};
  const plugins = [window.RevealNotes, window.RevealHighlight, window.RevealSearch, window.RevealZoom].filter(
    Boolean,
  );

  window.Reveal.initialize({
    // Slide ids become URL fragments (#/treaty-1950), so a link can point at one slide.
    hash: true,
    // reveal.js's own live region reads each new slide to screen readers.
    transition: data.transition || 'slide',
    slideNumber: data.slideNumber || 'c/t',
    showNotes: data.showNotes === 'true',
    // Printing (?print-pdf) gives one page per slide: all its fragments shown, never split over pages.
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins,
  });
})();
