// The live preview's page script, served by `lectern preview` only (never part of a rendered deck).
// It listens to the preview's change events, from the same origin (connect-src 'self'), and reloads
// this tab when its page changed. reveal.js keeps the slide and fragment in the URL hash, which a
// reload keeps, so the tab comes back on the slide it was showing.
(() => {
  const script = document.currentScript;
  const source = script?.dataset.events;
  if (!source) return;
  const here = window.location.pathname;
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
      window.location.reload();
    }
  });
  // Closing the stream before unload, so the server forgets this tab at once.
  window.addEventListener('pagehide', () => events.close());
})();
