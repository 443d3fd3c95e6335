// The instructors' page: lists decks and publishes lectures through the same API as the CLI and curl.
// It builds every element with textContent, so nothing from a lecture or the server is parsed as HTML,
// and it lives in a file (not inline) so the page runs under script-src 'self'.
const TOKEN_KEY = 'lectern-token';
const byId = (id) => document.getElementById(id);

const tokenInput = byId('token-input');
const tokenStatus = byId('token-status');
const decksTable = byId('decks');
const decksStatus = byId('decks-status');
const textArea = byId('lecture-text');
const fileInput = byId('lecture-file');
const result = byId('result');
const problems = byId('problems');
const gutter = byId('lecture-lines');
const marks = byId('lecture-marks');
const decksHeading = byId('decks-heading');
let fileFormat;
/** Lines (1-based) the last answer found errors on; marked in the gutter until the text changes. */
let errorLines = new Set();

const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function link(href, text) {
  const anchor = element('a', text);
  anchor.href = href;
  return anchor;
}

/** Calls the API; answers {status, body} and never throws for an HTTP error status. */
async function callApi(method, path, body, contentType) {
  const headers = { authorization: `Bearer ${token()}` };
  if (contentType) headers['content-type'] = contentType;
  const response = await fetch(new URL(path, document.baseURI), { method, headers, body });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.status === 401) showTokenState('The server did not accept the token. Paste the current one.');
  return { status: response.status, body: parsed };
}

function showTokenState(message) {
  tokenStatus.textContent =
    message ?? (token() ? 'A token is set for this browser tab.' : 'Paste the token to use the page.');
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

async function loadDecks() {
  if (!token()) {
    decksStatus.textContent = 'Set the token above to see the decks.';
    decksTable.hidden = true;
    byId('courses').hidden = true;
    return;
  }
  decksStatus.textContent = 'Loading…';
  let answer;
  try {
    answer = await callApi('GET', 'api/decks');
  } catch {
    decksStatus.textContent = 'The server could not be reached.';
    return;
  }
  if (answer.status !== 200) {
    decksStatus.textContent = answer.body?.error?.message ?? `The server answered ${answer.status}.`;
    decksTable.hidden = true;
    byId('courses').hidden = true;
    return;
  }
  const decks = answer.body.decks;
  showCourses(decks);
  const rows = decks.map(deckRow);
  decksTable.tBodies[0].replaceChildren(...rows);
  decksTable.hidden = decks.length === 0;
  decksStatus.textContent =
    decks.length === 0
      ? 'No decks yet: publish one below.'
      : `${decks.length} deck${decks.length === 1 ? '' : 's'}.`;
}

/**
 * The course view: decks grouped by their lecture's `course` line, in teaching order (the lectures'
 * `date`, then id), each with the facts the CLI's course page shows.
 */
function showCourses(decks) {
  const section = byId('courses');
  const groups = new Map();
  for (const deck of decks) {
    if (!deck.course) continue;
    if (!groups.has(deck.course)) groups.set(deck.course, []);
    groups.get(deck.course).push(deck);
  }
  const blocks = [...groups].map(([course, list], index) => {
    list.sort(byTeachingOrder);
    const minutes = list.reduce((sum, d) => sum + (d.duration ?? d.estimatedMinutes ?? 0), 0);
    const block = element('section', undefined, 'course');
    const heading = element('h3', course);
    heading.id = `course-${index}`;
    block.setAttribute('aria-labelledby', heading.id);
    const items = element('ol', undefined, 'course-decks');
    items.append(...list.map(courseItem));
    block.append(
      heading,
      element(
        'p',
        `${list.length} lecture${list.length === 1 ? '' : 's'}, ${minutes} minutes in all`,
        'hint',
      ),
      items,
    );
    return block;
  });
  section.replaceChildren(section.firstElementChild, ...blocks);
  section.hidden = blocks.length === 0;
}

/** A course's decks by lecture date, then id: dated lectures first, in the order they are given. */
function byTeachingOrder(a, b) {
  const key = (deck) => `${deck.date ?? '9999'} ${deck.id}`;
  return key(a) < key(b) ? -1 : 1;
}

function courseItem(deck) {
  const item = element('li', undefined, 'course-deck');
  const path = deckPath(deck.url);
  const title = element('h4');
  title.append(link(path, deck.title));
  const minutes =
    deck.duration !== undefined ? `${deck.duration} min` : `≈ ${deck.estimatedMinutes ?? '?'} min`;
  const facts = element('p', `${deck.slides} slides · ${minutes}`, 'facts');
  const links = element('p', undefined, 'links');
  links.append(link(path, 'Present'), speakerLink(path), link(`${path}handout.html`, 'Handout'));
  const titleId = `course-deck-${deck.id}`;
  title.id = titleId;
  for (const anchor of links.children) anchor.setAttribute('aria-describedby', titleId);
  item.append(title);
  if (deck.subtitle) item.append(element('p', deck.subtitle, 'subtitle'));
  item.append(facts, links);
  return item;
}

function speakerLink(path) {
  // The link's own address is the plain deck (press S there), so opening it in a new tab always works;
  // a click opens the speaker window as well (see openSpeakerView).
  const speaker = link(path, 'Speaker view');
  speaker.title = 'Opens the deck and a second window with your notes, the next slide and a timer';
  speaker.addEventListener('click', (event) => openSpeakerView(event, path));
  return speaker;
}

function deckRow(deck) {
  const row = element('tr');
  const name = element('td');
  name.append(element('span', deck.title, 'title'), element('span', deck.id, 'id'));
  const path = deckPath(deck.url);
  const links = element('td', undefined, 'links');
  links.append(link(path, 'Present'), speakerLink(path), link(`${path}handout.html`, 'Handout'));
  // Each row repeats the same link texts: tie them to the deck's title for screen readers' link lists.
  const titleId = `deck-title-${deck.id}`;
  name.firstChild.id = titleId;
  for (const anchor of links.children) anchor.setAttribute('aria-describedby', titleId);
  const remove = element('button', 'Delete', 'danger');
  remove.type = 'button';
  remove.setAttribute('aria-label', `Delete ${deck.title}`);
  remove.addEventListener('click', () => deleteDeck(deck, remove));
  const removeCell = element('td');
  removeCell.append(remove);
  row.append(
    name,
    element('td', String(deck.slides)),
    element('td', formatDate(deck.updatedAt)),
    links,
    removeCell,
  );
  return row;
}

// The name reveal.js's notes plugin gives its speaker window (plugin/notes.js, `window.open(…, 'reveal.js - Notes')`).
const SPEAKER_WINDOW = 'reveal.js - Notes';

/**
 * A deck opened with ?notes opens its speaker window as it starts, but browsers block a pop-up that no
 * click asked for, and reveal.js then fails to start the deck at all. So the click opens that window
 * (empty) here, under the plugin's name, and only then goes to the deck with ?notes: the deck finds the
 * window by name and fills it, with no pop-up to block. If even this window is refused, the plain deck opens.
 */
function openSpeakerView(event, path) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const speakerWindow = window.open('about:blank', SPEAKER_WINDOW, 'width=1100,height=700');
  window.location.assign(speakerWindow ? `${path}?notes` : path);
}

/** API URLs are site paths (/decks/x/); make them relative so the page works under any base path. */
function deckPath(url) {
  return url.replace(/^\//, '');
}

async function deleteDeck(deck, button) {
  if (!window.confirm(`Delete "${deck.title}"? Its address stops working; stored versions are kept.`)) return;
  button.disabled = true;
  let answer;
  try {
    answer = await callApi('DELETE', `api/decks/${encodeURIComponent(deck.id)}`);
  } catch {
    answer = { status: 0, body: { error: { message: 'The server could not be reached.' } } };
  }
  await loadDecks();
  decksStatus.textContent =
    answer.status === 204
      ? `Deleted "${deck.title}". ${decksStatus.textContent}`
      : (answer.body?.error?.message ?? `Delete failed (${answer.status}).`);
  // The button is gone with its row: keep keyboard focus in the list rather than dropping it on the page.
  if (!document.activeElement || document.activeElement === document.body) decksHeading.focus();
}

function lectureContentType() {
  const text = textArea.value.trimStart();
  const format = fileFormat ?? (text.startsWith('{') ? 'json' : 'yaml');
  return format === 'json' ? 'application/json' : 'application/yaml';
}

/** The text box's lines, as the API counts them (1-based in messages). */
function textLines() {
  return textArea.value.split('\n');
}

function selectLine(line, col) {
  const lines = textLines();
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let start = 0;
  for (let i = 0; i < index; i += 1) start += lines[i].length + 1;
  const end = start + lines[index].length;
  textArea.focus();
  textArea.setSelectionRange(col ? Math.min(start + col - 1, end) : start, end);
  scrollToLine(line);
}

/** Scrolls the text box so a line is in view, a few lines from the top. */
function scrollToLine(line) {
  const lineHeight = Number.parseFloat(getComputedStyle(textArea).lineHeight) || 20;
  textArea.scrollTop = Math.max(0, lineHeight * (line - 4));
  followScroll();
}

/** Keeps the line numbers and the marks level with the text box's text as it scrolls. */
function followScroll() {
  gutter.scrollTop = textArea.scrollTop;
  const style = getComputedStyle(textArea);
  const lineHeight = Number.parseFloat(style.lineHeight) || 20;
  const top = Number.parseFloat(style.paddingTop) || 0;
  for (const mark of marks.children) {
    // Style set through the CSSOM, which the page's CSP allows (it forbids style attributes in markup).
    mark.style.top = `${top + (Number(mark.dataset.line) - 1) * lineHeight - textArea.scrollTop}px`;
    mark.style.height = `${lineHeight}px`;
  }
}

/** The line numbers beside the text box, with the lines that have errors marked. */
function renderGutter() {
  const count = textLines().length;
  const nodes = [];
  for (let line = 1; line <= count; line += 1) {
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

function problemItem(problem, severity) {
  const item = element('li', undefined, severity);
  item.append(
    element('span', severity === 'error' ? 'Error' : 'Warning', 'severity'),
    document.createTextNode(' '),
  );
  if (problem.line) {
    const jump = element(
      'button',
      `Line ${problem.line}${problem.col ? `, column ${problem.col}` : ''}`,
      'jump',
    );
    jump.title = 'Select this line in the text box';
    jump.type = 'button';
    jump.addEventListener('click', () => selectLine(problem.line, problem.col));
    item.append(jump, document.createTextNode(' '));
  }
  if (problem.path) item.append(element('code', problem.path), document.createTextNode(': '));
  item.append(document.createTextNode(problem.message));
  const source = problem.line ? textLines()[problem.line - 1] : undefined;
  if (source !== undefined) item.append(element('span', `${problem.line} │ ${source}`, 'excerpt'));
  return item;
}

function showOutcome(kind, message, errors = [], warnings = []) {
  result.className = `result ${kind}`;
  result.replaceChildren(...(Array.isArray(message) ? message : [document.createTextNode(message)]));
  problems.replaceChildren(
    ...errors.map((problem) => problemItem(problem, 'error')),
    ...warnings.map((problem) => problemItem(problem, 'warning')),
  );
  markErrorLines(errors);
}

function showFailure(answer) {
  const error = answer.body?.error;
  showOutcome('bad', error?.message ?? `The server answered ${answer.status}.`, error?.details ?? []);
}

async function send(path) {
  if (!textArea.value.trim()) {
    showOutcome('bad', 'Paste a lecture or open a file first.');
    return undefined;
  }
  if (!token()) {
    showOutcome('bad', 'Set the token first.');
    return undefined;
  }
  try {
    return await callApi('POST', path, textArea.value, lectureContentType());
  } catch {
    showOutcome('bad', 'The server could not be reached.');
    return undefined;
  }
}

async function validateLecture() {
  const answer = await send('api/validate');
  if (!answer) return;
  if (answer.status !== 200) return showFailure(answer);
  const { valid, errors, warnings } = answer.body;
  const summary = valid
    ? `No errors${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}: ready to publish.`
    : `${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} before publishing.`;
  showOutcome(valid ? 'ok' : 'bad', summary, errors, warnings);
}

async function publishLecture() {
  const answer = await send('api/decks');
  if (!answer) return;
  if (answer.status !== 200 && answer.status !== 201) return showFailure(answer);
  const deck = answer.body;
  const message = [
    document.createTextNode(answer.status === 201 ? 'Published: ' : 'Already published, unchanged: '),
    link(deckPath(deck.url), deck.id),
    document.createTextNode(` (${deck.slides} slides) · `),
    link(deckPath(deck.handoutUrl), 'handout'),
  ];
  showOutcome('ok', message, [], deck.warnings);
  await loadDecks();
}

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = tokenInput.value.trim();
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  tokenInput.value = '';
  showTokenState();
  loadDecks();
});
byId('token-forget').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
  loadDecks();
});
byId('decks-refresh').addEventListener('click', () => loadDecks());
byId('lecture-validate').addEventListener('click', () => validateLecture());
byId('lecture-form').addEventListener('submit', (event) => {
  event.preventDefault();
  publishLecture();
});
textArea.addEventListener('input', () => {
  fileFormat = undefined;
  if (errorLines.size > 0) markErrorLines([]);
  else renderGutter();
});
textArea.addEventListener('scroll', followScroll);
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  textArea.value = await file.text();
  fileFormat = /\.json$/i.test(file.name) ? 'json' : 'yaml';
  showOutcome('', `Loaded ${file.name}. Validate it, then publish.`);
});

showTokenState();
renderGutter();
loadDecks();
