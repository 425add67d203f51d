import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { IntlMessageFormat } from 'intl-messageformat';
import { expectAccessible, openIn } from './helpers.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
/** A date as the app writes it in that language (medium style, calendar day in UTC). */
const dateIn = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
// serve.ts loads the UN lists as of 14 March 2015 and a partial list of the Tokyo Convention (Niger only).
const NEWEST_DATA = '2015-03-14';

for (const lang of ['en', 'ar']) {
  const status = messages(lang, 'status');
  const common = messages(lang, 'common');
  const dir = lang === 'ar' ? 'rtl' : 'ltr';

  test.describe(`in ${lang}`, () => {
    test('the overview shows headline figures, a shaded world map and the table of states', async ({ page }) => {
      await openIn(page, lang, '/?asOf=2014-06-30');
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(status.overview.title);
      await expect(page.getByRole('status').filter({ hasText: status.coverage.title })).toBeVisible();
      await expect(page.locator('svg.world-map path').first()).toBeVisible();
      expect(await page.locator('svg.world-map path').count()).toBeGreaterThan(150);
      await expect(page.getByRole('table')).toBeVisible();
      await expectAccessible(page);
    });

    test('the instrument page lists parties, filters them and offers downloads', async ({ page }) => {
      await openIn(page, lang, '/instruments/icsft-1999?asOf=2014-06-30');
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(
        page.getByRole('heading', { level: 2, name: status.instrument.partiesTitle, exact: true }),
      ).toBeVisible();
      await page.getByRole('searchbox', { name: status.controls.search }).fill(lang === 'ar' ? 'النيجر' : 'Niger');
      const table = page.getByRole('table').filter({ has: page.getByRole('link', { name: /^(Niger|النيجر)$/ }) });
      // English "Niger" also matches Nigeria; the Arabic name of Nigeria does not contain that of Niger.
      await expect(table.getByRole('row')).toHaveCount(lang === 'ar' ? 2 : 3);
      const csv = page.getByRole('link', { name: common.export.csv });
      await expect(csv).toHaveAttribute('href', /format=csv/);
      const response = await page.request.get((await csv.getAttribute('href'))!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
      await expectAccessible(page);
    });

    test("at today's date the overview says how old the depositary data are and how to import newer ones", async ({
      page,
    }) => {
      await openIn(page, lang, '/');
      const notice = page.getByRole('status').filter({ hasText: status.coverage.title });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(dateIn(lang, NEWEST_DATA));
      await expect(notice).toContainText('lexpact import untc <folder>');
      await expect(notice).toContainText('lexpact import actions <file.csv> --complete');
      await expectAccessible(page);
    });

    test('an instrument without depositary data says so instead of showing zero parties', async ({ page }) => {
      await openIn(page, lang, '/instruments/montreal-1971');
      await expect(page.getByText(status.instrument.noDataBody)).toBeVisible();
      await expectAccessible(page);
    });

    test('an instrument with a partial list gives its counts as lower bounds', async ({ page }) => {
      await openIn(page, lang, '/instruments/tokyo-1963?asOf=2014-06-30');
      const counts = new IntlMessageFormat(status.instrument.countsPartial, lang).format({
        parties: 1,
        signatories: 0,
        date: dateIn(lang, '2014-06-30'),
      });
      await expect(page.getByText(String(counts))).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: status.coverage.title })).toBeVisible();
      await expectAccessible(page);
    });

    test('the country profile shows status per instrument, gaps and a timeline', async ({ page }) => {
      await openIn(page, lang, '/countries/NER?asOf=2014-06-30&set=all');
      await expect(page.getByRole('heading', { level: 2, name: status.country.gapsTitle })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: status.country.timelineTitle })).toBeVisible();
      await expect(page.getByText(status.statuses.party).first()).toBeVisible();
      await expectAccessible(page);
    });

    test('a State a partial list does not name is shown as unknown, not as a gap', async ({ page }) => {
      await openIn(page, lang, '/countries/FRA');
      await expect(page.getByRole('table').getByText(status.statuses.unknown, { exact: true })).toBeVisible();
      const unknown = page.getByRole('region', { name: status.country.unknownTitle });
      await expect(unknown.getByRole('link')).toHaveCount(1);
      const tokyo = (await unknown.getByRole('link').textContent())!;
      await expect(
        page.getByRole('region', { name: status.country.gapsTitle }).getByRole('link', { name: tokyo, exact: true }),
      ).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: status.coverage.title })).toContainText(
        dateIn(lang, NEWEST_DATA),
      );
      await expectAccessible(page);
    });

    test('the compare page gives the report table and bar chart', async ({ page }) => {
      await openIn(page, lang, '/compare?from=2013-01-01&to=2014-06-30&set=all');
      await expect(page.getByRole('columnheader', { name: new RegExp(status.compare.newParties) })).toBeVisible();
      await expect(page.locator('.recharts-wrapper').first()).toBeVisible();
      // The Tokyo Convention's list is partial: its counts read "at least".
      await expect(page.getByRole('status').filter({ hasText: status.coverage.title })).toBeVisible();
      await expect(
        page.getByRole('row').filter({ has: page.locator(`a[href="/instruments/tokyo-1963?lang=${lang}"]`) }),
      ).toContainText('≥');
      await expectAccessible(page);
    });

    test('the matrix narrows to a region', async ({ page }) => {
      await openIn(page, lang, '/matrix?asOf=2014-06-30');
      const rows = page.locator('.matrix-table tbody tr');
      await expect(rows).toHaveCount(198);
      await expect(page.getByText(status.matrix.legendUnknown)).toBeVisible();
      await expect(page.locator('td.matrix-cell-unknown').first()).toHaveAttribute('title', status.statuses.unknown);
      await page.getByRole('combobox', { name: status.controls.region }).selectOption('002');
      await expect(rows).toHaveCount(54);
      await expect(page).toHaveURL(/region=002/);
      await expectAccessible(page);
    });

    test('recent changes list what the newer snapshot changed', async ({ page }) => {
      await openIn(page, lang, '/changes');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(status.changes.title);
      await expect(page.locator('tbody tr').first()).toBeVisible();
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(5);
      await expect(page.getByRole('link', { name: status.changes.subscribe })).toHaveAttribute('href', /changes\.atom/);
      await expectAccessible(page);
    });

    test('the instruments and countries lists open and sort', async ({ page }) => {
      await openIn(page, lang, '/instruments');
      await expect(page.locator(`a[href="/instruments/uncac-2003?lang=${lang}"]`)).toBeVisible();
      await expect(
        page.getByText(
          String(
            new IntlMessageFormat(status.instruments.partialAsOf, lang).format({ date: dateIn(lang, '2015-01-31') }),
          ),
        ),
      ).toBeVisible();
      await expectAccessible(page);
      await page.goto('/countries');
      await page.getByRole('button', { name: new RegExp(status.columns.code) }).click();
      await expect(page.getByRole('columnheader', { name: new RegExp(status.columns.code) })).toHaveAttribute(
        'aria-sort',
        'ascending',
      );
      await expectAccessible(page);
    });
  });
}

test('switching the language to Arabic turns the page right-to-left and translates it', async ({ page }) => {
  const ar = messages('ar', 'status');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.overview.title);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

test('the first Tab reaches the skip link, which moves focus to the content', async ({ page }) => {
  await openIn(page, 'en', '/');
  // Tab only once the page has rendered: a key pressed during loading lands on whatever existed then.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
});

test('at 360 px the page does not scroll sideways and the menu opens from the burger', async ({ page }) => {
  // The accessibility scan of the whole participants × instruments matrix is the heaviest of the suite.
  test.slow();
  await page.setViewportSize({ width: 360, height: 740 });
  await openIn(page, 'en', '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
  await page.getByRole('button', { name: 'Open the menu' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Matrix' }).click();
  await expect(page).toHaveURL(/\/matrix/);
  await expectAccessible(page);
});

test('a bad date in the address gives a translated, field-level error, not a crash', async ({ page }) => {
  await openIn(page, 'en', '/instruments/icsft-1999?asOf=2014-02-30');
  await expect(page.getByRole('alert')).toContainText('Some values are not valid');
  await expect(page.getByRole('alert')).toContainText('asOf');
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await openIn(page, 'en', '/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
