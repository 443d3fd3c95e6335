// The deck list: every stored deck with its links and a delete button.
import { errorMessage } from './api-client.js';
import { createDeckHistory } from './deck-history.js';
import { deckLinks } from './deck-links.js';
import { counted, element } from './dom.js';

/**
 * The list in `table`, its status line and heading. `load` asks the API again; `onList` hears each
 * list answer ({decks, courseGroups}; an empty one when there is none to show).
 */
export function createDeckList({ table, status, heading }, { api, signedIn, onList }) {
  const history = createDeckHistory({
    api,
    onRestored: (message) => {
      status.textContent = message;
    },
  });
  async function load() {
    if (!signedIn()) {
      status.textContent = 'Sign in with the token above to see the decks.';
      table.hidden = true;
      onList({});
      return;
    }
    status.textContent = 'Loading…';
    let answer;
    try {
      answer = await api.listDecks();
    } catch {
      status.textContent = 'The server could not be reached.';
      return;
    }
    if (answer.status !== 200) {
      status.textContent = errorMessage(answer);
      table.hidden = true;
      onList({});
      return;
    }
    const decks = answer.body.decks;
    onList(answer.body);
    table.tBodies[0].replaceChildren(...decks.map(deckRow));
    table.hidden = decks.length === 0;
    status.textContent =
      decks.length === 0 ? 'No decks yet: publish one below.' : `${counted(decks.length, 'deck')}.`;
  }

  function deckRow(deck) {
    const title = element('span', deck.title, 'title');
    title.id = `deck-title-${deck.id}`;
    const name = element('td');
    name.append(title, element('span', deck.id, 'id'));
    const links = element('td', undefined, 'links');
    links.append(...deckLinks(deck, title.id));
    const remove = element('button', 'Delete', 'danger');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Delete ${deck.title}`);
    remove.addEventListener('click', () => deleteDeck(deck, remove));
    const removeCell = element('td');
    const row = element('tr');
    removeCell.append(history.button(deck, row), ' ', remove);
    row.append(
      name,
      element('td', String(deck.slides)),
      element('td', formatDate(deck.updatedAt)),
      links,
      removeCell,
    );
    return row;
  }

  async function deleteDeck(deck, button) {
    if (!window.confirm(`Delete "${deck.title}"? Its address stops working; stored versions are kept.`))
      return;
    button.disabled = true;
    let answer;
    try {
      answer = await api.deleteDeck(deck.id);
    } catch {
      answer = { status: 0, body: { error: { message: 'The server could not be reached.' } } };
    }
    await load();
    status.textContent =
      answer.status === 204
        ? `Deleted "${deck.title}". ${status.textContent}`
        : errorMessage(answer, `Delete failed (${answer.status}).`);
    // The button is gone with its row: keep keyboard focus in the list rather than dropping it on the page.
    if (!document.activeElement || document.activeElement === document.body) heading.focus();
  }

  return { load };
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
