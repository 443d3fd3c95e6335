// The lecture editor of the instructors' page: CodeMirror 6 with YAML highlighting, completion and
// hover help from lecture.schema.json, and the API's errors and warnings as inline diagnostics.
// Bundled by scripts/build.mjs into templates/site/code-editor.js, which the page loads from its own
// origin (script-src 'self'; no eval anywhere in it).
//
// The editor lives in a shadow root: CodeMirror then styles itself through constructable style sheets
// (adoptedStyleSheets), which the site's CSP allows, instead of <style> elements, which it refuses
// (style-src has no 'unsafe-inline', and a static site can send no per-response nonce).
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import lectureSchema from '../../../lecture.schema.json' with { type: 'json' };
import { helpFor, type SchemaNode, suggestionsAt } from './schema-help.js';
import { cursorContext, keyAt } from './yaml-path.js';

const schema = lectureSchema as unknown as SchemaNode;

/** One error or warning as the API reports it (line and column 1-based, when known). */
export interface Problem {
  path?: string;
  message: string;
  line?: number;
  col?: number;
}

/** What the rest of the page uses of the editor (the same as the plain text box it replaces offered). */
export interface CodeEditor {
  text(): string;
  /** Loads a lecture file (one found in a chosen folder) as if it had been opened. */
  loadFile(file: File): Promise<void>;
  /** The Content-Type to send the text as: the loaded file's format, else JSON when it looks like JSON. */
  contentType(): string;
  /** A line's text (1-based), as the error list quotes it. */
  line(number: number): string | undefined;
  /** Selects a line from a column (when given) to its end, scrolls it into view and focuses the editor. */
  selectLine(line: number, col?: number): void;
  /** Marks the errors (and warnings) in the text, at their line and column; an empty list clears them. */
  markErrorLines(errors: Problem[], warnings?: Problem[]): void;
  /** Runs `listener` after every change of the text. */
  onChange(listener: () => void): void;
}

export interface EditorParts {
  /** The element the editor is drawn in (its shadow root holds the editor). */
  host: HTMLElement;
  fileInput: HTMLInputElement;
  /** The editor's accessible name. */
  label: string;
}

/** How many errors the text has (drives aria-invalid). */
const setErrorCount = StateEffect.define<number>();
const errorCount = StateField.define<number>({
  create: () => 0,
  update(count, transaction) {
    for (const effect of transaction.effects) if (effect.is(setErrorCount)) return effect.value;
    return transaction.docChanged ? 0 : count;
  },
  provide: (field) =>
    EditorView.contentAttributes.from(
      field,
      (count): Record<string, string> => (count > 0 ? { 'aria-invalid': 'true' } : {}),
    ),
});

/** A problem's span: from its column to the end of the word there (or the line's end). */
function placeProblem(doc: Text, problem: Problem, severity: Diagnostic['severity']): Diagnostic {
  const line = doc.line(Math.min(Math.max(problem.line ?? 1, 1), doc.lines));
  const from = line.from + Math.min(Math.max((problem.col ?? 1) - 1, 0), line.length);
  const word = /^\S+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
  const to = word > 0 ? from + word : line.to;
  const message = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
  return { from, to, severity, message, source: 'Lectern' };
}

function schemaCompletions(context: CompletionContext): CompletionResult | null {
  const cursor = cursorContext(context.state.doc.toString(), context.pos);
  if (!cursor) return null;
  if (cursor.kind === 'key' && cursor.word === '' && !context.explicit) return null;
  const options: Completion[] = suggestionsAt(schema, cursor).map((s) => ({
    label: s.label,
    apply: s.apply,
    detail: s.detail,
    info: s.info,
    boost: s.boost,
    type: cursor.kind === 'key' ? 'property' : 'enum',
  }));
  return options.length === 0 ? null : { from: cursor.from, options, validFor: /^[\w-]*$/ };
}

const schemaHover = hoverTooltip((view, pos) => {
  const at = keyAt(view.state.doc.toString(), pos);
  const help = at && helpFor(schema, at);
  if (!at || !help) return null;
  return {
    pos: at.from,
    end: at.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-lectern-help';
      dom.textContent = help;
      return { dom };
    },
  };
});

/**
 * The selection the browser is about to type over, read from the DOM: the editor's own state may not
 * have caught up with a selection just made (and an input event's target ranges hide shadow trees).
 */
function selectedRange(view: EditorView): [number, number] {
  const root = view.root as ShadowRoot & { getSelection?(): Selection | null };
  const dom = root.getSelection?.() ?? document.getSelection();
  const main = view.state.selection.main;
  if (!dom?.anchorNode || !dom.focusNode || !view.contentDOM.contains(dom.anchorNode))
    return [main.from, main.to];
  const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
  const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  return [Math.min(anchor, head), Math.max(anchor, head)];
}

/**
 * Typing over a selection: Chrome's own editing would replace the highlighted text with a <span style>
 * keeping its colour, a style attribute the CSP refuses (and logs). The editor makes the change itself.
 */
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || view.composing) return false;
    const [from, to] = selectedRange(view);
    if (from >= to) return false;
    event.preventDefault();
    view.dispatch({
      changes: { from, to, insert: event.data },
      selection: { anchor: from + event.data.length },
      scrollIntoView: true,
      userEvent: 'input.type',
    });
    return true;
  },
});

// Colours and fonts from the site's design tokens: custom properties reach into the shadow root.
const pageTheme = EditorView.theme({
  '&': {
    color: 'var(--lectern-fg)',
    backgroundColor: 'var(--lectern-paper)',
    border: '1px solid var(--lectern-rule)',
    borderRadius: '4px',
    fontSize: 'var(--lectern-step--1)',
  },
  // :focus-within shows the ring as soon as the focus arrives (CodeMirror sets cm-focused a moment later).
  '&.cm-focused': { outline: '3px solid var(--lectern-focus)', outlineOffset: '2px' },
  '&:focus-within': { outline: '3px solid var(--lectern-focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--lectern-mono)', lineHeight: '1.4', height: '30rem', overflow: 'auto' },
  '.cm-gutters': {
    backgroundColor: 'var(--lectern-surface)',
    color: 'var(--lectern-muted)',
    borderRight: '1px solid var(--lectern-rule)',
  },
  '.cm-tooltip': { fontFamily: 'var(--lectern-sans)', color: 'var(--lectern-fg)' },
  '.cm-lectern-help': { whiteSpace: 'pre-line', maxWidth: '28rem', padding: '0.3rem 0.5rem' },
  '.cm-tooltip.cm-completionInfo': { whiteSpace: 'pre-line', maxWidth: '24rem' },
  '.cm-lectern-keys': {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** Draws the editor in `host` and wires the file input; `onFileLoaded(name)` runs after a file is read in. */
export function createCodeEditor(
  { host, fileInput, label }: EditorParts,
  { onFileLoaded }: { onFileLoaded(name: string): void },
): CodeEditor {
  const root = host.attachShadow({ mode: 'open' });
  // How to leave the editor by keyboard, read with its name (ARIA ids do not cross the shadow root).
  const keys = document.createElement('p');
  keys.id = 'keys';
  keys.className = 'cm-lectern-keys';
  keys.textContent =
    'YAML. Tab indents; to leave the editor press Escape, then Tab (Escape twice while suggestions are listed). Control+Space lists the fields allowed at the cursor; F8 goes to the next problem.';
  root.append(keys);

  const listeners: (() => void)[] = [];
  /** The format of the file last loaded, until the text is edited. */
  let fileFormat: 'json' | 'yaml' | undefined;

  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        autocompletion({ override: [schemaCompletions], icons: false }),
        schemaHover,
        typeOverSelection,
        lintGutter(),
        errorCount,
        keymap.of([...completionKeymap, ...lintKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-describedby': keys.id,
          // Focusable by its own tab stop, as axe expects of the scrolled region it fills.
          tabindex: '0',
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
        pageTheme,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          fileFormat = undefined;
          for (const listener of listeners) listener();
        }),
      ],
    }),
  });

  async function loadFile(file: File): Promise<void> {
    const text = await file.text();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    fileFormat = /\.json$/i.test(file.name) ? 'json' : 'yaml';
    onFileLoaded(file.name);
  }
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) await loadFile(file);
  });

  return {
    text: () => view.state.doc.toString(),
    loadFile,
    contentType() {
      const format = fileFormat ?? (view.state.doc.toString().trimStart().startsWith('{') ? 'json' : 'yaml');
      return format === 'json' ? 'application/json' : 'application/yaml';
    },
    line: (number) =>
      number >= 1 && number <= view.state.doc.lines ? view.state.doc.line(number).text : undefined,
    selectLine(number, col) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(number, 1), doc.lines));
      const from = col ? line.from + Math.min(col - 1, line.length) : line.from;
      view.dispatch({ selection: { anchor: from, head: line.to }, scrollIntoView: true });
      view.focus();
    },
    markErrorLines(errors, warnings = []) {
      const doc = view.state.doc;
      const diagnostics = [
        ...errors.map((problem) => placeProblem(doc, problem, 'error')),
        ...warnings.map((problem) => placeProblem(doc, problem, 'warning')),
      ];
      const spec = setDiagnostics(view.state, diagnostics);
      view.dispatch({ ...spec, effects: [...[spec.effects ?? []].flat(), setErrorCount.of(errors.length)] });
    },
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}
