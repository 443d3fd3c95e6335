// DOM helpers of the instructors' page. Every text goes in as textContent, so nothing from a lecture
// or the server is ever parsed as HTML.

/** A new element with its text and class, both optional. */
export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A link with its text. */
export function link(href, text) {
  const anchor = element('a', text);
  anchor.href = href;
  return anchor;
}

/** A site path the API answers (/decks/x/) made relative, so the page works under any base path. */
export function sitePath(url) {
  return url.replace(/^\//, '');
}

/** "1 deck", "3 decks". */
export function counted(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
