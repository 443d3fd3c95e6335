// What the last validate or publish found: a summary line and the list of errors and warnings, each
// with a button that selects its line in the text box.
import { errorMessage } from './api-client.js';
import { element } from './dom.js';

export function createOutcome({ result, problems }, editor) {
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
      jump.addEventListener('click', () => editor.selectLine(problem.line, problem.col));
      item.append(jump, document.createTextNode(' '));
    }
    if (problem.path) item.append(element('code', problem.path), document.createTextNode(': '));
    item.append(document.createTextNode(problem.message));
    const source = problem.line ? editor.line(problem.line) : undefined;
    if (source !== undefined) item.append(element('span', `${problem.line} │ ${source}`, 'excerpt'));
    return item;
  }

  /** Shows a summary (text, or a list of nodes) of kind 'ok', 'bad' or '', and the problems found. */
  function show(kind, message, errors = [], warnings = []) {
    result.className = `result ${kind}`;
    result.replaceChildren(...(Array.isArray(message) ? message : [document.createTextNode(message)]));
    problems.replaceChildren(
      ...errors.map((problem) => problemItem(problem, 'error')),
      ...warnings.map((problem) => problemItem(problem, 'warning')),
    );
    editor.markErrorLines(errors);
  }

  return {
    show,
    /** Shows an API error answer, with the errors its details list. */
    failure: (answer) => show('bad', errorMessage(answer), answer.body?.error?.details ?? []),
  };
}
