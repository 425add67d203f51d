import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, isolated, openIn } from './helpers.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
const lib = messages('en', 'library');
const accounts = messages('en', 'accounts');
const common = messages('en', 'common');
const fill = (message: string, values: Record<string, string>) =>
  message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

// The report's text is Chinese; in the English interface its English title is shown.
const REPORT_TITLE =
  'Assistance in implementing the international conventions and protocols related to terrorism: report of the Secretary-General';
const PDF = new URL('../fixtures/library/law-en.pdf', import.meta.url).pathname;
const DOCX = new URL('../fixtures/library/law-fr.docx', import.meta.url).pathname;

/** A word of letters only, new on every run, so repeated runs never find each other's documents. */
const uniqueWord = (prefix: string) =>
  `${prefix}${Date.now()
    .toString(36)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}${Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x')}`;

async function signIn(page: Page, email: string) {
  await openIn(page, 'en', '/sign-in');
  await page.getByRole('textbox', { name: accounts.fields.email, exact: true }).fill(email);
  await page.getByRole('textbox', { name: accounts.fields.password, exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: accounts.signIn.submit }).click();
  await expect(page).toHaveURL(/\/account\?lang=en$/);
}

async function search(page: Page, words: string) {
  const box = page.getByRole('searchbox', { name: lib.search.label });
  await box.fill(words);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(words).replace(/[()]/g, '\\$&')}`));
}

test('a search in Chinese finds the report, marks the words found, and facets narrow it down', async ({ page }) => {
  await openIn(page, 'en', '/library');
  await expect(page.getByRole('heading', { level: 1, name: lib.search.title })).toBeVisible();
  await search(page, '技术援助');
  const results = page.getByRole('region', { name: lib.search.results });
  const report = results.getByRole('link', { name: REPORT_TITLE });
  await expect(report).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText('技术援助');
  await expect(results.getByText(fill(lib.search.inLanguage, { language: 'Chinese' }))).toBeVisible();

  const filters = page.getByRole('complementary', { name: lib.search.filters });
  await filters.getByRole('button', { name: new RegExp(`^${lib.kinds.un_document}`) }).click();
  await expect(page).toHaveURL(/kind=un_document/);
  await filters.getByRole('button', { name: /^Chinese/ }).click();
  await expect(page).toHaveURL(/language=zh/);
  const languageChip = page.getByRole('button', {
    name: fill(lib.search.removeFilter, { filter: `${lib.facets.language}: Chinese` }),
  });
  await expect(languageChip).toBeVisible();
  await expect(
    page.getByRole('button', {
      name: fill(lib.search.removeFilter, { filter: `${lib.facets.kind}: ${lib.kinds.un_document}` }),
    }),
  ).toBeVisible();
  await expect(report).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^1 document$/ })).toBeVisible();
  await expectAccessible(page);

  // Removing a chip removes that filter only.
  await languageChip.click();
  await expect(page).not.toHaveURL(/language=zh/);
  await expect(page).toHaveURL(/kind=un_document/);
  await expect(report).toBeVisible();
});

test('the report shows its cross-references and text, and its original downloads', async ({ page }) => {
  await openIn(page, 'en', `/library?q=${encodeURIComponent('技术援助')}`);
  await page.getByRole('region', { name: lib.search.results }).getByRole('link', { name: REPORT_TITLE }).click();
  await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}\?q=/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const references = page.getByRole('region', { name: lib.document.referencesTitle });
  const resolution = references.getByRole('link', { name: 'S/RES/1373 (2001)', exact: true });
  await expect(resolution).toBeVisible();
  await expect(resolution).toHaveAttribute('href', `/library?q=${encodeURIComponent('"S/RES/1373 (2001)"')}&lang=en`);

  const text = page.getByRole('region', { name: fill(lib.document.textRegion, { language: 'Chinese' }) });
  await expect(text).toContainText('第1373(2001)号决议');
  await expect(text).toContainText('预防恐怖主义处');
  // The words searched for stay marked in the text.
  await expect(text.locator('mark').first()).toHaveText('技术援助');
  await expectAccessible(page);

  const versions = page.getByRole('region', { name: lib.document.versionsTitle });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    versions.getByRole('link', { name: /^Download original \(MD, / }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);

  // A resolution leads to a search for it as a phrase.
  await resolution.click();
  await expect(page.getByRole('searchbox', { name: lib.search.label })).toHaveValue('"S/RES/1373 (2001)"');
});

test('the Markdown report shows formatted: headings, a table, and contents that lead to a heading', async ({
  page,
}) => {
  await openIn(page, 'en', `/library?q=${encodeURIComponent('技术援助')}`);
  await page.getByRole('region', { name: lib.search.results }).getByRole('link', { name: REPORT_TITLE }).click();
  const text = page.getByRole('region', { name: fill(lib.document.textRegion, { language: 'Chinese' }) });
  await expect(text.getByRole('heading', { level: 2, name: '目录' })).toBeVisible();
  const table = text.getByRole('table').first();
  await expect(table.getByRole('columnheader', { name: '页次' })).toBeVisible();
  await expect(table.getByRole('row', { name: /二\. 提供技术援助/ })).toBeVisible();
  // The Markdown itself is not what the reader sees.
  await expect(text).not.toContainText('## ');
  await expect(text).not.toContainText('|---');
  await expect(text).not.toContainText('\\*');

  const contents = page.getByRole('navigation', { name: lib.document.contents });
  const priorities = '三. 预防恐怖主义处 2014 年的优先事项';
  await contents.getByRole('link', { name: priorities, exact: true }).click();
  await expect(page).toHaveURL(/#sec-/);
  await expect(text.getByRole('heading', { level: 3, name: priorities, exact: true })).toBeInViewport();
  await expectAccessible(page);
});

test('an administrator adds a law of Niger with its PDF, then finds it by a word of its text', async ({ page }) => {
  const title = `Counter-terrorism act ${uniqueWord('run')}`;
  await signIn(page, 'admin@lexpact.test');
  await page.goto('/library');
  await page.getByRole('link', { name: lib.search.add }).click();
  await expect(page.getByRole('heading', { level: 1, name: lib.form.newTitle })).toBeVisible();

  await page.getByRole('combobox', { name: lib.fields.kind, exact: false }).selectOption('legislation');
  await page.getByRole('combobox', { name: lib.fields.subtype, exact: true }).selectOption('act');
  await page.getByRole('textbox', { name: fill(lib.form.titleIn, { language: 'English' }), exact: false }).fill(title);
  await page.getByRole('combobox', { name: lib.fields.country, exact: true }).selectOption({ label: 'Niger' });
  await page.getByRole('textbox', { name: lib.fields.number, exact: true }).fill('2008-12');
  await page.getByLabel(lib.fields.adoptedDate, { exact: true }).fill('2008-06-12');
  await page.getByRole('checkbox', { name: lib.themes.financing_of_terrorism }).check();
  await page.getByRole('checkbox', { name: lib.categories.substantive_criminal_law }).check();
  const file = page.getByRole('region', { name: lib.form.sections.file });
  await file.getByLabel(lib.form.file, { exact: true }).setInputFiles(PDF);
  await file.getByRole('combobox', { name: lib.form.fileLanguage }).selectOption('en');
  await expectAccessible(page);
  await page.getByRole('button', { name: lib.form.create }).click();

  await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}\?lang=en$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Niger', exact: true })).toHaveAttribute(
    'href',
    '/countries/NER?lang=en',
  );
  await expect(
    page
      .getByRole('region', { name: lib.document.versionsTitle })
      .getByRole('link', { name: /^Download original \(PDF, / }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: fill(lib.document.textRegion, { language: 'English' }) }),
  ).toContainText('financing');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: common.nav.main }).getByRole('link', { name: common.nav.library }).click();
  await search(page, 'financing');
  await expect(page.getByRole('region', { name: lib.search.results }).getByRole('link', { name: title })).toBeVisible();

  // The country profile lists it among the country's documents.
  await page.goto('/countries/NER');
  await expect(page.getByRole('region', { name: lib.country.title }).getByRole('link', { name: title })).toBeVisible();
});

test('a restricted document is found by the staff who may read it, and by no anonymous visitor', async ({ page }) => {
  const word = uniqueWord('confidential');
  const title = `Draft law ${word}`;
  await signIn(page, 'admin@lexpact.test');
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const created = await page.request.post('/api/v1/library/documents', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: {
      kind: 'legislation',
      subtype: 'draft_bill',
      titles: { en: title },
      country: 'NER',
      visibility: 'restricted',
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto('/library');
  await search(page, word);
  const results = page.getByRole('region', { name: lib.search.results });
  const item = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(item).toBeVisible();
  await expect(item.getByText(lib.visibilities.restricted, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: accounts.nav.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/library?q=${word}`);
  await expect(page.getByRole('status').filter({ hasText: /documents?$/ })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  const anonymous = (await (await page.request.get(`/api/v1/library/search?q=${word}`)).json()) as {
    results: { id: string }[];
  };
  expect(anonymous.results.map((r) => r.id)).not.toContain(id);
  await page.goto(`/library/${id}`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toHaveCount(0);
});

test('an editor changes a document, uploads its French text, and deletes it after confirming', async ({ page }) => {
  const word = uniqueWord('amended');
  await signIn(page, 'admin@lexpact.test');
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const created = await page.request.post('/api/v1/library/documents', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { kind: 'legislation', titles: { en: `Law ${word}` }, country: 'NER' },
  });
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/library/${id}`);
  const manage = page.getByRole('region', { name: lib.document.manageTitle });
  await manage.getByRole('link', { name: lib.document.edit }).click();
  await expect(page.getByRole('heading', { level: 1, name: lib.form.editTitle })).toBeVisible();
  await page.getByRole('combobox', { name: lib.form.addTitleLanguage }).selectOption('fr');
  await page.getByRole('button', { name: lib.form.addTitle }).click();
  await page
    .getByRole('textbox', { name: fill(lib.form.titleIn, { language: 'French' }), exact: false })
    .fill(`Loi ${word}`);
  await page.getByRole('combobox', { name: lib.fields.status, exact: true }).selectOption('in_force');
  await page.getByRole('button', { name: lib.form.addInstrument }).click();
  await page
    .getByRole('combobox', { name: fill(lib.form.instrumentN, { n: '1' }), exact: false })
    .selectOption('icsft-1999');
  await page.getByRole('textbox', { name: fill(lib.form.articleN, { n: '1' }), exact: true }).fill('2(1)(b)');
  await expectAccessible(page);
  await page.getByRole('button', { name: lib.form.save }).click();

  await expect(page).toHaveURL(new RegExp(`/library/${id}\\?lang=en$`));
  await expect(page.getByRole('link', { name: 'Financing Convention 1999' })).toHaveAttribute(
    'href',
    '/instruments/icsft-1999?lang=en',
  );
  await expect(page.getByText(fill(lib.document.article, { article: isolated('2(1)(b)') }))).toBeVisible();

  const upload = page.getByRole('region', { name: lib.document.manageTitle });
  // The label of a required field ends with " *".
  await upload.getByLabel(new RegExp(`^${lib.form.file}( \\*)?$`)).setInputFiles(DOCX);
  await upload.getByRole('combobox', { name: lib.form.fileLanguage }).selectOption('fr');
  await upload.getByRole('button', { name: lib.document.uploadSubmit }).click();
  await expect(upload.getByText(lib.document.uploaded)).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: lib.document.versionsTitle })
      .getByRole('link', { name: /^Download original \(DOCX, / }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: fill(lib.document.textRegion, { language: 'French' }) })).toContainText(
    'financement',
  );

  await manage.getByRole('button', { name: lib.document.delete }).click();
  const dialog = page.getByRole('dialog', { name: lib.document.deleteTitle });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: lib.document.delete }).click();
  await expect(page).toHaveURL(/\/library\?lang=en$/);
  await expect(
    page.getByRole('status').filter({ hasText: fill(lib.search.deleted, { title: `Law ${word}` }) }),
  ).toBeVisible();
  expect((await page.request.get(`/api/v1/library/documents/${id}`)).status()).toBe(404);
});
