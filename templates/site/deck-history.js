// A deck's history under its row: each version with when and by whom, and a button to make an
// earlier one current again (after a confirmation). The API records a restore as a new entry.
import { errorMessage } from './api-client.js';
import { element, link, sitePath } from './dom.js';

/**
 * `button(deck)` answers a History button for a deck row; pressing it opens (or closes) a row
 * below with the versions. `onRestored(message)` hears a restore that went through.
 */
export function createDeckHistory({ api, onRestored }) {
  function button(deck, row) {
    const toggle = element('button', 'History', 'secondary');
    toggle.type = 'button';
    toggle.setAttribute('aria-label', `History of ${deck.title}`);
    toggle.setAttribute('aria-expanded', 'false');
    let panel;
    toggle.addEventListener('click', async () => {
      if (panel) {
        panel.remove();
        panel = undefined;
        toggle.setAttribute('aria-expanded', 'false');
        return;
      }
      panel = element('tr', undefined, 'history');
      const cell = element('td');
      cell.colSpan = row.cells.length;
      panel.append(cell);
      row.after(panel);
      toggle.setAttribute('aria-expanded', 'true');
      await fill(deck, cell);
    });
    return toggle;
  }

  async function fill(deck, cell) {
    cell.replaceChildren(element('p', 'Loading the history…'));
    let answer;
    try {
      answer = await api.listVersions(deck.id);
    } catch {
      cell.replaceChildren(element('p', 'The server could not be reached.'));
      return;
    }
    if (answer.status !== 200) {
      cell.replaceChildren(element('p', errorMessage(answer)));
      return;
    }
    const list = element('ol', undefined, 'versions');
    list.setAttribute('aria-label', `Versions of ${deck.title}`);
    for (const entry of answer.body.versions) list.append(versionItem(deck, entry, cell));
    cell.replaceChildren(list);
  }

  function versionItem(deck, entry, cell) {
    const item = element('li');
    const what = entry.action === 'restore' ? 'restored' : 'published';
    const when = new Date(entry.publishedAt).toLocaleString();
    item.append(
      link(sitePath(entry.url), entry.version),
      element('span', ` ${what} ${when} by ${entry.publishedBy}, ${entry.slides} slides`),
    );
    if (entry.current) {
      item.append(element('strong', ' (current)'));
      return item;
    }
    const restore = element('button', 'Restore', 'secondary');
    restore.type = 'button';
    restore.setAttribute('aria-label', `Restore version ${entry.version} of ${deck.title}`);
    restore.addEventListener('click', async () => {
      if (
        !window.confirm(
          `Make version ${entry.version} of "${deck.title}" current again? It is recorded in the history.`,
        )
      )
        return;
      restore.disabled = true;
      let answer;
      try {
        answer = await api.restore(deck.id, entry.version);
      } catch {
        answer = { status: 0, body: { error: { message: 'The server could not be reached.' } } };
      }
      if (answer.status === 200 || answer.status === 201) {
        onRestored(`Restored version ${entry.version} of "${deck.title}".`);
        await fill(deck, cell);
      } else {
        restore.disabled = false;
        item.append(
          element('span', ` ${errorMessage(answer, `Restore failed (${answer.status}).`)}`, 'error'),
        );
      }
    });
    item.append(' ', restore);
    return item;
  }

  return { button };
}
