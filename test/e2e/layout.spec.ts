// Right-to-left reading, phone widths and charts, in the six UI languages.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { expectAccessible, findCutText, openIn } from './helpers.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
/** A date as the app writes it in that language (medium style, calendar day in UTC). */
const dateIn = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** The horizontal centre of where a piece of an element's text is drawn. */
async function xOf(element: Locator, piece: string) {
  return element.evaluate((node, piece) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const at = text.textContent!.indexOf(piece);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + piece.length);
      const box = range.getBoundingClientRect();
      return box.left + box.width / 2;
    }
    throw new Error(`"${piece}" is not in "${node.textContent}"`);
  }, piece);
}

/** The text of an element reads right to left: its first piece is drawn to the right of its second. */
async function expectRightToLeft(element: Locator, first: string, second: string) {
  expect(await xOf(element, first)).toBeGreaterThan(await xOf(element, second));
}

test.describe('in Arabic', () => {
  const status = messages('ar', 'status');

  test('the newest data date on the overview reads day, month, year from the right', async ({ page }) => {
    await openIn(page, 'ar', '/?asOf=2014-06-30');
    const card = page.locator('.mantine-Paper-root').filter({ hasText: status.overview.latestData });
    const date = card.locator('bdi');
    await expect(date).toHaveText(dateIn('ar', '2015-03-14'));
    await expectRightToLeft(date, '14', '2015');
    await expectAccessible(page);
  });

  test("the dates of a country's timeline and table read from the right", async ({ page }) => {
    await openIn(page, 'ar', '/countries/NER?asOf=2014-06-30&set=all');
    const timeline = page.locator('.mantine-Timeline-itemTitle').first();
    await expect(timeline).toHaveText(dateIn('ar', '1969-06-27'));
    await expectRightToLeft(timeline, '27', '1969');
    const consent = page
      .getByRole('row')
      .filter({ has: page.locator('a[href^="/instruments/tokyo-1963"]') })
      .getByRole('cell')
      .nth(3);
    await expect(consent).toContainText(dateIn('ar', '1969-06-27'));
    await expectRightToLeft(consent, '27', '1969');
  });

  test('a figure in words keeps its word order on the compare page', async ({ page }) => {
    await openIn(page, 'ar', '/compare?from=2013-01-01&to=2014-06-30&set=all');
    const [first, second] = status.overview.unknown.split(' ');
    const figure = page.locator('.mantine-Paper-root').first().locator('bdi');
    await expect(figure).toHaveText(status.overview.unknown);
    await expectRightToLeft(figure, first, second);
  });

  test('the parties chart runs from the right, with its count axis on the right', async ({ page }) => {
    await openIn(page, 'ar', '/instruments/icsft-1999?asOf=2014-06-30');
    const chart = page.locator('.recharts-wrapper').first();
    await expect(chart.locator('.recharts-line').first()).toBeVisible();
    const years = await ticksOf(chart, 'x');
    expect(years[0]!.text).toBe('1999');
    expect(years[0]!.x).toBeGreaterThan(years.at(-1)!.x);
    const box = (await chart.boundingBox())!;
    expect((await ticksOf(chart, 'y'))[0]!.x).toBeGreaterThan(box.x + box.width / 2);
  });
});

/** The tick labels of a chart's axis, as written and where drawn. */
async function ticksOf(chart: Locator, axis: 'x' | 'y') {
  // The labels are drawn in a layer of their own (recharts-xAxis-tick-labels), apart from the axis line.
  const labels = chart.locator(`[class*="recharts-${axis}Axis"] .recharts-cartesian-axis-tick-value`);
  await expect(labels.first()).toBeVisible();
  return labels.evaluateAll((ticks) =>
    ticks.map((tick) => {
      const box = tick.getBoundingClientRect();
      return { text: tick.textContent ?? '', x: box.left + box.width / 2 };
    }),
  );
}

test('the count axes of the charts have whole-number ticks only', async ({ page }) => {
  const charts = [
    ['/instruments/icsft-1999?asOf=2014-06-30', 'y'],
    ['/compare?from=2013-01-01&to=2014-06-30&set=all', 'x'],
  ] as const;
  for (const [path, axis] of charts) {
    await openIn(page, 'en', path);
    const numbers = (await ticksOf(page.locator('.recharts-wrapper').first(), axis)).map((tick) => tick.text);
    expect(numbers.length, path).toBeGreaterThan(1);
    expect(
      numbers.filter((text) => !/^\d{1,3}(,\d{3})*$/.test(text)),
      path,
    ).toEqual([]);
    expect(new Set(numbers).size, path).toBe(numbers.length);
    expect(numbers[0], path).toBe('0');
  }
});

// The pages a reader reaches from the menu, with the controls and data that make their texts longest.
const MAIN_PAGES = [
  '/?asOf=2014-06-30',
  '/instruments',
  '/instruments/icsft-1999?asOf=2014-06-30',
  '/countries',
  '/countries/NER?asOf=2014-06-30&set=all',
  '/countries/FRA',
  '/compare?from=2013-01-01&to=2014-06-30&set=all',
  '/matrix?asOf=2014-06-30',
  '/changes',
  '/library',
  '/programme/activities',
  '/programme/calendar',
  '/programme/matrix',
  '/programme/dashboard',
  '/sign-in',
];

for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar']) {
  test(`at 360 px no text of the main pages is cut off in ${lang}`, async ({ page }) => {
    // Fifteen pages, each measured element by element.
    test.slow();
    await page.setViewportSize({ width: 360, height: 740 });
    await openIn(page, lang, MAIN_PAGES[0]!);
    const cut: string[] = [];
    for (const path of MAIN_PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Lazily loaded parts (charts, the map) and their data must be there before measuring.
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
      cut.push(...(await findCutText(page)).map((problem) => `${path} ${problem}`));
    }
    expect(cut).toEqual([]);
  });
}
