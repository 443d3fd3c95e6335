// The instructors' page: lists decks and publishes lectures through the same API as the CLI and curl.
// Each concern is its own module, holding its own state; this one finds the page's elements and
// connects them. It is a file (not inline) so the page runs under script-src 'self'.
import { createAccess } from './access.js';
import { createApiClient } from './api-client.js';
import { createCodeEditor } from './code-editor.js';
import { createCourseView } from './courses.js';
import { createDeckList } from './deck-list.js';
import { createFigures } from './figures.js';
import { createOutcome } from './outcome.js';
import { createPreviewPane } from './preview-pane.js';
import { createPublisher } from './publish.js';

const byId = (id) => document.getElementById(id);

const api = createApiClient({ bearer: () => access.bearer(), onUnauthorized: () => access.refused() });
const access = createAccess(
  {
    form: byId('token-form'),
    input: byId('token-input'),
    forget: byId('token-forget'),
    status: byId('token-status'),
  },
  {
    api,
    onChange: () => {
      decks.load();
      preview.refresh();
    },
  },
);
const courses = createCourseView(byId('courses'));
const decks = createDeckList(
  { table: byId('decks'), status: byId('decks-status'), heading: byId('decks-heading') },
  { api, signedIn: access.signedIn, onList: courses.show },
);
const editor = createCodeEditor(
  { host: byId('lecture-editor'), fileInput: byId('lecture-file'), label: 'Lecture text' },
  { onFileLoaded: (name) => outcome.show('', `Loaded ${name}. Validate it, then publish.`) },
);
const outcome = createOutcome({ result: byId('result'), problems: byId('problems') }, editor);
const figures = createFigures(
  {
    filesInput: byId('figure-files'),
    folderInput: byId('figure-folder'),
    list: byId('figure-list'),
    summary: byId('figure-summary'),
  },
  { api, editor },
);
const preview = createPreviewPane(
  { frame: byId('preview-frame'), status: byId('preview-status'), problems: byId('preview-problems') },
  { api, signedIn: access.signedIn, editor, figures },
);
createPublisher(
  { form: byId('lecture-form'), validateButton: byId('lecture-validate') },
  { api, signedIn: access.signedIn, editor, figures, outcome, onPublished: () => decks.load() },
);

byId('decks-refresh').addEventListener('click', () => decks.load());
access.restore().then(() => decks.load());
