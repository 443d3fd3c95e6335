// Validate and publish: sends the text box's lecture to the API and shows what it answered.

import { downloadLinks } from './deck-links.js';
import { counted, link, sitePath } from './dom.js';

export function createPublisher(
  { form, validateButton },
  { api, signedIn, editor, figures, outcome, onPublished },
) {
  /** Sends the lecture with `call`; answers undefined (having said why) when it cannot be sent. */
  async function send(call) {
    if (!editor.text().trim()) {
      outcome.show('bad', 'Paste a lecture or open a file first.');
      return undefined;
    }
    if (!signedIn()) {
      outcome.show('bad', 'Sign in with the token first.');
      return undefined;
    }
    try {
      return await call(editor.text(), editor.contentType());
    } catch {
      outcome.show('bad', 'The server could not be reached.');
      return undefined;
    }
  }

  async function validateLecture() {
    const answer = await send(api.validate);
    if (!answer) return;
    if (answer.status !== 200) return outcome.failure(answer);
    const { valid, errors, warnings } = answer.body;
    const summary = valid
      ? `No errors${warnings.length ? `, ${counted(warnings.length, 'warning')}` : ''}: ready to publish.`
      : `${counted(errors.length, 'error')}: fix ${errors.length === 1 ? 'it' : 'them'} before publishing.`;
    outcome.show(valid ? 'ok' : 'bad', summary, errors, warnings);
  }

  /** The lecture as sent: alone, or (when it names figures) with the stored file each one means. */
  async function publication(text, contentType) {
    const prepared = await figures.prepare(text);
    if (prepared.failed) return { failed: prepared.failed };
    if (!prepared.media) return { body: text, contentType };
    const format = contentType.includes('json') ? 'json' : 'yaml';
    return {
      body: JSON.stringify({ lecture: text, format, media: prepared.media }),
      contentType: figures.publicationType,
    };
  }

  async function publishLecture() {
    let unsent = 0;
    const answer = await send(async (text, contentType) => {
      const prepared = await publication(text, contentType);
      if (prepared.failed) {
        unsent = prepared.failed;
        return undefined;
      }
      return api.publish(prepared.body, prepared.contentType);
    });
    if (unsent) {
      const files = unsent === 1 ? 'One figure' : `${unsent} figures`;
      return outcome.show('bad', `${files} could not be sent (see the list above); nothing was published.`);
    }
    if (!answer) return;
    if (answer.status !== 200 && answer.status !== 201) return outcome.failure(answer);
    const deck = answer.body;
    const message = [
      document.createTextNode(answer.status === 201 ? 'Published: ' : 'Already published, unchanged: '),
      link(sitePath(deck.url), deck.id),
      document.createTextNode(` (${deck.slides} slides) · `),
      link(sitePath(deck.handoutUrl), 'handout'),
      ...downloadLinks(deck).flatMap((anchor) => [document.createTextNode(' · '), anchor]),
    ];
    outcome.show('ok', message, [], deck.warnings);
    await onPublished();
  }

  validateButton.addEventListener('click', () => validateLecture());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    publishLecture();
  });
}
