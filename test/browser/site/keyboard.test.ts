import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_LINE, lectureWithError } from './lectures.js';
import { type Browser, launchChromium, type Page, type Site, startSite, watchPage } from './support.js';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('keyboard-token'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface Focused {
  /** How a person would name the focused control: its role and accessible name, roughly. */
  name: string;
  /** Whether the control shows a focus indicator (an outline or a ring). */
  visible: boolean;
}

/** What has the focus now, named like `button "Publish"`, and whether its focus is visible. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let node = document.activeElement as HTMLElement | null;
    // The lecture editor draws itself in a shadow root: the focus is on its text, inside.
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement as HTMLElement;
    if (!node || node === document.body) return { name: 'body', visible: false };
    const labelled = (node as HTMLInputElement).labels?.[0]?.textContent?.trim();
    const text =
      node.getAttribute('aria-label') ??
      labelled ??
      (node.tagName === 'IFRAME' ? node.title : node.textContent?.trim()) ??
      '';
    const role =
      node.tagName === 'A'
        ? 'link'
        : node.tagName === 'INPUT'
          ? `input[${(node as HTMLInputElement).type}]`
          : node.tagName.toLowerCase();
    // The editor shows its focus around the whole editor, not on the text inside it.
    const style = getComputedStyle((node.closest('.cm-editor') as HTMLElement | null) ?? node);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    return { name: `${role} "${text}"`, visible: outlined || style.boxShadow !== 'none' };
  });
}

const EDITOR = 'div "Lecture text"';

/** Every control Tab stopped on during the test, to check that each showed its focus. */
const visited: Focused[] = [];

/** Presses Tab (or Shift+Tab) until `name` has the focus; answers every stop on the way, the last included. */
async function tabTo(page: Page, name: string, backwards = false): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < 40; i += 1) {
    // Tab indents in the editor: passing through it, press Escape first, as its help says. (Escape
    // frees Tab for two seconds only, so a stop there must not count on an earlier Escape.)
    if ((await focused(page)).name === EDITOR) await page.keyboard.press('Escape');
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    let now = await focused(page);
    // The preview frame draws its ring when the deck inside reports the focus (a message across the
    // frame's boundary): give that message a moment on a busy machine.
    for (let wait = 0; wait < 20 && now.name.startsWith('iframe') && !now.visible; wait += 1) {
      await page.waitForTimeout(100);
      now = await focused(page);
    }
    stops.push(now);
    visited.push(now);
    if (now.name === name) return stops;
  }
  throw new Error(`Tab never reached ${name}; stops: ${stops.map((s) => s.name).join(' → ')}`);
}

function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Chromium gives a shadow root its own selection.
    const root = document.activeElement?.shadowRoot as
      | (ShadowRoot & { getSelection?(): Selection | null })
      | null;
    return (root?.getSelection?.() ?? document.getSelection())?.toString() ?? '';
  });
}

describe('the instructor page with the keyboard alone', () => {
  it('reaches every control in order, shows where the focus is, and runs the whole flow without a mouse', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/`);

    // Token: the first stop on the page.
    const toToken = await tabTo(page, 'input[password] "Access token"');
    expect(toToken).toHaveLength(1);
    await page.keyboard.type(site.token);
    await page.keyboard.press('Enter');
    await page.getByText('No decks yet: publish one below.').waitFor();

    // Upload: Space on the file field opens the file chooser; the file's text lands in the text box.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      (async () => {
        await tabTo(page, 'input[file] "Upload a lecture file (YAML or JSON)"');
        await page.keyboard.press('Space');
      })(),
    ]);
    await chooser.setFiles({
      name: 'keyboard-flow.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(lectureWithError('keyboard-flow')),
    });
    await page.getByText('Loaded keyboard-flow.yaml. Validate it, then publish.').waitFor();

    // The editor, then out of it (Tab indents there: Escape, then Tab leaves), past the preview's list
    // of the error and the figure inputs to Validate: the result names the line, and its button takes
    // the focus back to it.
    expect(await tabTo(page, 'div "Lecture text"')).toHaveLength(1);
    await page
      .locator('#preview-status')
      .getByText(/^1 error/)
      .waitFor();
    await page.keyboard.press('Escape');
    const toValidate = await tabTo(page, 'button "Validate"');
    expect(toValidate.map((s) => s.name)).toEqual([
      `button "Line ${BROKEN_LINE}, column 9"`,
      'input[file] "Image files"',
      'input[file] "Or the lecture\'s folder"',
      'button "Validate"',
    ]);
    await page.keyboard.press('Enter');
    await page
      .locator('#result')
      .getByText(/^1 error/)
      .waitFor();
    const toJump = await tabTo(page, `button "Line ${BROKEN_LINE}, column 9"`);
    expect(toJump.map((s) => s.name)).toEqual(['button "Publish"', `button "Line ${BROKEN_LINE}, column 9"`]);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('div "Lecture text"');

    // Fix the error where the cursor was put: the selection runs from the column to the line's end.
    expect(await selectedText(page)).toBe('kind: bulets');
    await page.keyboard.insertText('kind: bullets');
    // The preview shows the deck; out of the editor, through the preview, to Validate. The first Escape
    // closes the suggestions the typing opened, the second lets Tab leave.
    await page.frameLocator('#preview-frame').locator('.reveal.ready').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const throughPreview = await tabTo(page, 'button "Validate"');
    expect(throughPreview[0]?.name).toBe('iframe "Preview of the lecture"');
    await page.keyboard.press('Enter');
    await page.getByText(/^No errors/).waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('button "Publish"');
    await page.keyboard.press('Enter');
    await page.getByText(/^Published: keyboard-flow/).waitFor();
    await page.getByText('1 deck.').waitFor();

    // Back up to the deck list: its links, History and Delete, in reading order.
    const upToDelete = await tabTo(page, 'button "Delete Browser lecture keyboard-flow"', true);
    expect(upToDelete.at(-1)?.name).toBe('button "Delete Browser lecture keyboard-flow"');
    const rowStops = await tabTo(page, 'button "Refresh"', true);
    expect(rowStops.map((s) => s.name)).toEqual([
      'button "History of Browser lecture keyboard-flow"',
      'link "Single file"',
      'link "PowerPoint"',
      'link "Handout"',
      'link "Speaker view"',
      'link "Present"',
      'button "Refresh"',
    ]);

    // Enter on Present opens the deck.
    await tabTo(page, 'link "Present"');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/decks\/keyboard-flow\/v\/[a-z0-9]+\/$/);
    await page.goBack();
    await page.getByText('1 deck.').waitFor();

    // Delete from the keyboard, confirming in the dialog; the focus stays in the deck list.
    const confirmations: string[] = [];
    page.once('dialog', (dialog) => {
      confirmations.push(dialog.message());
      void dialog.accept();
    });
    await tabTo(page, 'button "Delete Browser lecture keyboard-flow"');
    await page.keyboard.press('Enter');
    await page.getByText(/^Deleted "Browser lecture keyboard-flow"/).waitFor();
    expect(confirmations).toHaveLength(1);
    expect(await page.getByRole('row', { name: /keyboard-flow/ }).count()).toBe(0);
    expect(await focused(page)).toEqual({ name: 'h2 "Decks"', visible: true });

    // Every control Tab stopped on showed where the focus was.
    expect(visited.length).toBeGreaterThan(10);
    expect(visited.filter((stop) => !stop.visible).map((stop) => stop.name)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
