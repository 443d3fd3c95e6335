import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/lectures.js';
import { type Browser, enterToken, launchChromium, type Site, startSite, watchPage } from './support.js';

// The instructor page groups the published decks by their lectures' course line, in teaching order.

const COURSE_DIR = join(ROOT, 'content', 'cold-war');
const course = parse(readFileSync(join(COURSE_DIR, 'course.yaml'), 'utf8')) as { lectures: string[] };
const lectureFiles = course.lectures.map((file) => join(COURSE_DIR, file));
const lectures = lectureFiles.map((file) => readFileSync(file, 'utf8'));
const meta = lectures.map(
  (text) => parse(text) as { title: string; subtitle: string; course: string; duration: number },
);

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
  // Published out of teaching order: the page must restore it from the lectures' dates.
  for (const file of [...lectureFiles].reverse()) {
    expect(await site.publishFile(file)).toBe(201);
  }
  const other = await site.api(
    'POST',
    '/api/decks',
    'id: loose-deck\ntitle: Loose\nsections:\n  - title: S\n    slides:\n      - points: [a]\n',
  );
  expect(other.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the courses on the instructor page', () => {
  it('lists each course lecture in order with subtitle, slides and duration, and links to the decks', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    const courses = page.getByRole('region', { name: 'Courses' });
    const group = courses.getByRole('region', { name: meta[0]?.course ?? '' });
    await expect.poll(() => group.getByRole('listitem').count()).toBe(lectures.length);
    expect(await group.getByRole('heading', { level: 4 }).allTextContents()).toEqual(
      meta.map((m) => m.title),
    );
    const items = await group.getByRole('listitem').all();
    for (const [i, item] of items.entries()) {
      expect(await item.locator('.subtitle').textContent()).toBe(meta[i]?.subtitle);
      expect(await item.locator('.facts').textContent()).toMatch(
        new RegExp(`^\\d+ slides · ${meta[i]?.duration} min$`),
      );
    }
    expect(await courses.textContent()).not.toContain('Loose');
    // The deck's own speaker view, as on the course page the CLI writes.
    expect(await group.getByRole('link', { name: 'Speaker view' }).first().getAttribute('href')).toBe(
      'decks/giant-new-ally/?speaker',
    );
    await group.getByRole('link', { name: 'Handout' }).first().click();
    await page.waitForURL(/\/decks\/giant-new-ally\/v\/[a-z0-9]+\/handout\.html$/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
