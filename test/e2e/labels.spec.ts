import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { IntlMessageFormat } from 'intl-messageformat';
import { legendClasses } from '../../web/src/modules/status/components/mapClasses.ts';
import { expectAccessible, openIn } from './helpers.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
const format = (message: string, lang: string, values: Record<string, string | number>) =>
  String(new IntlMessageFormat(message, lang).format(values));

for (const lang of ['en', 'zh', 'ar']) {
  const status = messages(lang, 'status');

  test(`in ${lang}, the instrument page tells entry into force's date from its rule, places`, async ({ page }) => {
    await openIn(page, lang, '/instruments/icsft-1999?asOf=2014-06-30');
    const facts = page.locator('dl');
    await expect(facts.getByText(status.instrument.eifDate, { exact: true })).toBeVisible();
    await expect(facts.getByText(status.instrument.eifRule, { exact: true })).toBeVisible();
    expect(status.instrument.eifDate).not.toBe(status.instrument.eifRule);
    await expect(facts).toContainText(status.places.newYork);
    if (lang !== 'en') await expect(facts).not.toContainText('New York');
  });
}

for (const lang of ['fr', 'zh', 'ar']) {
  test(`in ${lang}, states with as many instruments are ranked by name in the reader's alphabet`, async ({ page }) => {
    await openIn(page, lang, '/?asOf=2014-06-30');
    const table = page.getByRole('table');
    await expect(table.locator('tbody tr')).toHaveCount(25);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const collator = await page.evaluate((l) => new Intl.Collator(l).resolvedOptions().locale, lang);
    const compare = new Intl.Collator(collator).compare;
    let ties = 0;
    for (let i = 1; i < rows.length; i += 1) {
      const [name, count] = rows[i]!;
      const [previousName, previousCount] = rows[i - 1]!;
      if (count !== previousCount) continue;
      ties += 1;
      expect(compare(previousName!, name!), `${previousName} before ${name}`).toBeLessThanOrEqual(0);
    }
    expect(ties).toBeGreaterThan(0);
  });
}

for (const lang of ['en', 'ar']) {
  const status = messages(lang, 'status');

  test(`in ${lang}, the map legend names the counts each shade stands for`, async ({ page }) => {
    await openIn(page, lang, '/?asOf=2014-06-30');
    const answer = await page.request.get('/api/v1/status/overview?asOf=2014-06-30');
    const overview = (await answer.json()) as { instrumentsWithData: string[] };
    const expected = legendClasses(overview.instrumentsWithData.length).map((c) => {
      if (c.to === 0) return status.overview.legendNone;
      if (c.from === c.to) return format(status.overview.legendExact, lang, { count: c.from });
      return format(status.overview.legendRange, lang, { from: c.from, to: c.to });
    });
    await expect(page.locator('figure figcaption p')).toHaveText(expected);
  });

  test(`in ${lang}, the status matrix legend shows "not party" with the swatch of its cells`, async ({ page }) => {
    await openIn(page, lang, '/matrix?asOf=2014-06-30&region=002');
    const entry = page.getByText(status.matrix.legendNotParty, { exact: true });
    await expect(entry).toBeVisible();
    const cell = page.locator(`td[title="${status.statuses.not_party}"]`).first();
    await expect(cell).toBeVisible();
    const background = (locator: typeof cell) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    const swatch = entry.locator('.legend-swatch');
    expect(await background(swatch)).toBe(await background(cell));
    const noData = page.getByText(status.matrix.legendNoData, { exact: true }).locator('.legend-swatch');
    expect(await background(noData)).not.toBe(await background(cell));
    await expectAccessible(page);
  });
}

test("in French, a field's reason from the server is shown in French", async ({ page }) => {
  const common = messages('fr', 'common');
  await openIn(page, 'fr', '/instruments/icsft-1999?asOf=2014-02-30');
  await expect(page.getByRole('alert')).toContainText(`asOf: ${common.reasons.invalid_date}`);
  await expect(page.getByRole('alert')).not.toContainText('must be a real date');
});
