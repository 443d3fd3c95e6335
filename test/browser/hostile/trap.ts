import type { BrowserContext, Frame, Page } from 'playwright-core';

/**
 * A trap for script that should never run: `window.__pwned` is a setter that reports, alert/confirm/prompt
 * report instead of opening, and every CSP violation is reported too (a payload the policy had to stop
 * is a payload the renderer let through). Installed in every page and frame of the context, popups included.
 */
const TRAP = `(() => {
  const report = (what) => {
    try { window.__lecternTrap(String(what)); } catch { /* the binding is there in every frame */ }
  };
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return undefined; },
    set(value) { report('__pwned = ' + value); },
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    Object.defineProperty(window, name, {
      configurable: false,
      writable: false,
      value: (...args) => { report(name + '(' + args.join(', ') + ')'); return null; },
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    report('CSP ' + event.violatedDirective + ' blocked ' + event.blockedURI + ' ' + (event.sample || ''));
  }, true);
})();`;

export interface Trap {
  /** Everything that fired: trap reports, dialogs, requests that tried to leave the site. */
  fired: string[];
  /** Requests to other hosts (aborted): only the image slide's https picture is expected. */
  external: string[];
}

export async function setTrap(context: BrowserContext, siteUrl: string): Promise<Trap> {
  const trap: Trap = { fired: [], external: [] };
  await context.exposeBinding('__lecternTrap', ({ frame }: { frame: Frame }, what: string) => {
    trap.fired.push(`${what} (in ${frame.url()})`);
  });
  await context.addInitScript({ content: TRAP });
  context.on('dialog', (dialog) => {
    trap.fired.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Nothing may leave the machine: other hosts are aborted, and noted.
  const origin = new URL(siteUrl).origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'about:',
    (route) => {
      trap.external.push(route.request().url());
      void route.abort();
    },
  );
  return trap;
}

/**
 * What in the page's DOM could run or restyle from lecture text: scripts other than the site's own files,
 * event-handler attributes, javascript:/data: links, iframes, svg, base and meta-refresh elements,
 * style elements from the lecture. `allowInline` allows inline scripts, which the speaker view legitimately has.
 */
export function riskyNodes(page: Page | Frame, allowInline = false): Promise<string[]> {
  return page.evaluate((inlineAllowed) => {
    const found: string[] = [];
    const describe = (node: Element) => node.outerHTML.slice(0, 160);
    // Every element, those in open shadow roots (the page's code editor) included.
    const everything = (root: Document | ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((node) => [
        node,
        ...(node.shadowRoot ? everything(node.shadowRoot) : []),
      ]);
    // The page's live preview: a sandboxed frame whose srcdoc is the deck the server rendered (checked
    // in the frame itself). A srcdoc document's base URL is the page's.
    const isPreviewFrame = (node: Element) =>
      node.tagName === 'IFRAME' &&
      node.id === 'preview-frame' &&
      node.getAttribute('sandbox') === 'allow-scripts allow-same-origin';
    const siteOrigin = new URL(document.baseURI).origin;
    for (const node of everything(document)) {
      for (const attribute of node.getAttributeNames()) {
        if (/^on/i.test(attribute)) found.push(`handler ${attribute}: ${describe(node)}`);
      }
      const tag = node.tagName.toLowerCase();
      if (tag === 'script') {
        const src = node.getAttribute('src');
        if (src ? new URL(src, document.baseURI).origin !== siteOrigin : !inlineAllowed)
          found.push(`script: ${describe(node)}`);
      }
      // reveal.js adds style sheets of its own (print layout, line numbers): only the payload's is suspect.
      if (tag === 'style' && /body\{display:none\}|pwned/.test(node.textContent ?? ''))
        found.push(`style: ${describe(node)}`);
      if (
        ['svg', 'base', 'object', 'embed', 'form', 'textarea'].includes(tag) &&
        !node.closest('#lecture-form, #token-form')
      )
        found.push(`${tag}: ${describe(node)}`);
      if (tag === 'iframe' && !/[?&]receiver\b/.test(node.getAttribute('src') ?? '') && !isPreviewFrame(node))
        found.push(`iframe: ${describe(node)}`);
      if (tag === 'meta' && node.hasAttribute('http-equiv')) found.push(`meta: ${describe(node)}`);
      for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']) {
        const value = node.getAttribute(name);
        if (value === null) continue;
        if (name === 'srcdoc') {
          if (!isPreviewFrame(node)) found.push(`srcdoc: ${describe(node)}`);
        } else if (/^\s*(javascript|data|vbscript):/i.test(value) && !(tag === 'link' && value === 'data:,'))
          found.push(`${name}=${value.slice(0, 60)}: ${describe(node)}`);
      }
    }
    return found;
  }, allowInline);
}
