import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openIn } from './helpers.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
const programme = messages('en', 'programme');
const accounts = messages('en', 'accounts');
const library = messages('en', 'library');
const mail = messages('en', 'mail');

// Seeded by serve.ts: UNODC's workshop in Niger, 10–12 March 2030, on the financing of terrorism.
const UNODC_WORKSHOP = 'National workshop on countering the financing of terrorism';

async function signIn(page: Page, email: string) {
  await openIn(page, 'en', '/sign-in');
  await page.getByRole('textbox', { name: accounts.fields.email, exact: true }).fill(email);
  await page.getByRole('textbox', { name: accounts.fields.password, exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: accounts.signIn.submit }).click();
  await expect(page).toHaveURL(/\/account\?lang=en$/);
}

test(
  "a partner records an activity, is warned of another organisation's workshop, which shows the warning " +
    'and is mailed too, finds both in the matrix and exports the matrix',
  async ({ page, browser }) => {
    // Three people sign in, one after the other: the time of a slow test.
    test.slow();
    const title = `Drafting workshop on the terrorism financing law ${Date.now().toString(36)}`;
    await signIn(page, 'coordinator@sahel.test');
    await page.goto('/programme/activities');
    await page.getByRole('link', { name: programme.activities.add }).click();
    await expect(page.getByRole('heading', { level: 1, name: programme.form.newTitle })).toBeVisible();

    await page.getByRole('textbox', { name: programme.fields.title }).fill(title);
    await page.getByRole('combobox', { name: programme.fields.type }).selectOption('legislative_drafting_workshop');
    await page.getByLabel(programme.fields.startDate).fill('2030-03-20');
    await page.getByLabel(programme.fields.endDate).fill('2030-03-21');
    const countries = page.getByRole('combobox', { name: programme.fields.countries });
    await countries.fill('Niger');
    await page
      .getByRole('listbox', { name: programme.fields.countries })
      .getByRole('option', { name: 'Niger', exact: true })
      .click();
    await page.getByRole('checkbox', { name: library.themes.financing_of_terrorism }).check();

    // Eight days after UNODC's workshop in the same country, on the same theme: the form warns before saving.
    const warning = page.getByRole('status').filter({ hasText: programme.overlaps.title });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(UNODC_WORKSHOP);
    await expect(warning).toContainText('UNODC Terrorism Prevention Branch');
    await expect(warning).toContainText('8 days apart');

    // Moved onto the same days, it overlaps.
    await page.getByLabel(programme.fields.startDate).fill('2030-03-11');
    await page.getByLabel(programme.fields.endDate).fill('2030-03-12');
    await expect(warning).toContainText(programme.overlaps.overlapping);

    // The warning does not block saving.
    await page.getByRole('button', { name: programme.form.create }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const ourWarning = page.getByRole('status').filter({ hasText: programme.overlaps.title });
    const workshopPath = (await ourWarning.getByRole('link', { name: UNODC_WORKSHOP }).getAttribute('href'))!;

    // The activity helped Niger accede to the Financing Convention: the register's date is required.
    const outcomeForm = page.getByRole('form', { name: programme.outcomes.formTitle });
    await outcomeForm.getByRole('combobox', { name: programme.outcomes.instrument }).selectOption('icsft-1999');
    await outcomeForm.getByRole('textbox', { name: programme.outcomes.date, exact: true }).fill('2004-10-30');
    await page
      .getByRole('textbox', { name: programme.outcomes.note })
      .fill('Prepared the instrument of accession with the Ministry of Justice.');
    await page.getByRole('button', { name: programme.outcomes.record }).click();
    await expect(page.getByText('the register records it on 2004-09-30')).toBeVisible();
    await outcomeForm.getByRole('textbox', { name: programme.outcomes.date, exact: true }).fill('2004-09-30');
    await page.getByRole('button', { name: programme.outcomes.record }).click();
    await expect(page.getByRole('status').filter({ hasText: programme.outcomes.recorded })).toBeVisible();
    await expect(page.getByRole('table').filter({ hasText: 'Prepared the instrument of accession' })).toContainText(
      'Niger',
    );
    await expectAccessible(page);

    await page.goto('/programme/matrix?start=2030-01&months=12');
    const matrix = page.getByRole('table');
    await expect(matrix).toBeVisible();
    const niger = matrix.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Niger' }) });
    await expect(niger.getByRole('link', { name: new RegExp(title) })).toBeVisible();
    await expect(niger.getByRole('link', { name: new RegExp(UNODC_WORKSHOP) })).toBeVisible();
    await expectAccessible(page);

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: programme.matrix.export }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('activity-matrix-2030-01-12m.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const cells = workbook.worksheets[0]!.getSheetValues().flatMap((row) =>
      Array.isArray(row) ? row.filter((v) => typeof v === 'string') : [],
    ) as string[];
    expect(cells).toContain('Niger');
    expect(cells.some((cell) => cell.includes(title) && cell.includes(UNODC_WORKSHOP))).toBe(true);

    // UNODC planned first and did not plan the overlap: its officer sees the warning on its own workshop too.
    const officer = await (await browser.newContext()).newPage();
    await signIn(officer, 'officer@lexpact.test');
    await officer.goto(workshopPath);
    await expect(officer.getByRole('heading', { level: 1, name: UNODC_WORKSHOP })).toBeVisible();
    const theirWarning = officer.getByRole('status').filter({ hasText: programme.overlaps.title });
    const theirs = theirWarning.getByRole('listitem').filter({ hasText: title });
    await expect(theirs.getByRole('link', { name: title })).toBeVisible();
    await expect(theirs).toContainText('Sahel Judicial Training Network');
    await expect(theirs).toContainText(programme.overlaps.overlapping);
    await officer.context().close();

    // And was told by mail: with no mail server here, the notice waits in the outbox.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, 'admin@lexpact.test');
    await admin.goto('/admin/outbox');
    const notice = admin.getByRole('row').filter({ hasText: title });
    await expect(notice).toContainText('officer@lexpact.test');
    await expect(notice).toContainText(mail.overlap.subject.replace('{title}', UNODC_WORKSHOP));
    await expect(notice).toContainText('Sahel Judicial Training Network');
    await admin.context().close();
  },
);

test('the programme pages ask visitors to sign in and are not in their menu', async ({ page }) => {
  await openIn(page, 'en', '/');
  await expect(page.getByRole('link', { name: messages('en', 'common').nav.programme })).toHaveCount(0);
  await page.goto('/programme/matrix');
  await expect(page.getByRole('heading', { level: 1, name: accounts.gate.signInTitle })).toBeVisible();
  await expect(page.getByRole('link', { name: accounts.gate.signInLink })).toHaveAttribute(
    'href',
    '/sign-in?next=%2Fprogramme%2Fmatrix&lang=en',
  );
});

test('the activity matrix opens on the twelve months from this month, the window the API answers without a start', async ({
  page,
}) => {
  await signIn(page, 'officer@lexpact.test');
  await page.goto('/programme/matrix');
  await expect(page.getByRole('heading', { level: 1, name: programme.matrix.title })).toBeVisible();
  const now = new Date();
  const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  await expect(page.getByLabel(programme.matrix.start, { exact: true })).toHaveValue(thisMonth);
  await expect(page.getByLabel(programme.matrix.months, { exact: true })).toHaveValue('12');
  const exportLink = page.getByRole('link', { name: programme.matrix.export });
  await expect(exportLink).toHaveAttribute('href', new RegExp(`[?&]start=${thisMonth}&months=12&`));
  const fromApi = (await (await page.request.get('/api/v1/programme/matrix')).json()) as { months: string[] };
  expect(fromApi.months[0]).toBe(thisMonth);
  expect(fromApi.months).toHaveLength(12);
});

test('an administrator adds a rate and a donor; a payment before the rate is refused, one after it fills the donor table', async ({
  page,
}) => {
  const funding = messages('en', 'funding');
  await signIn(page, 'admin@lexpact.test');
  await page.goto('/programme/rates');
  const rateForm = page.getByRole('form', { name: funding.rates.addTitle });
  await rateForm.getByRole('textbox', { name: funding.fields.currency }).fill('CHF');
  await rateForm.getByLabel(funding.rates.validFrom).fill('2031-01-01');
  await rateForm.getByRole('textbox', { name: funding.rates.usdPerUnit }).fill('1.12');
  await rateForm.getByRole('button', { name: funding.rates.add }).click();
  await expect(page.getByRole('status').filter({ hasText: 'CHF' })).toBeVisible();

  await page.goto('/programme/donors');
  const donorForm = page.getByRole('form', { name: funding.donors.addTitle });
  await donorForm.getByRole('radio', { name: funding.donors.kinds.organization }).check();
  await donorForm.getByRole('textbox', { name: funding.donors.organizationName }).fill('Swiss Counter-Terrorism Fund');
  await donorForm.getByRole('button', { name: funding.donors.add }).click();
  await expect(page.getByRole('table')).toContainText('Swiss Counter-Terrorism Fund');

  await page.goto('/programme/funding?from=2031-01-01&to=2031-12-31');
  const payment = page.getByRole('form', { name: funding.transactions.form.title });
  await payment.getByRole('combobox', { name: funding.fields.type }).selectOption('incoming_funds');
  await payment
    .getByRole('combobox', { name: funding.fields.donor })
    .selectOption({ label: 'Swiss Counter-Terrorism Fund' });
  await payment.getByRole('textbox', { name: funding.fields.amount }).fill('250000');
  await payment.getByRole('combobox', { name: funding.fields.currency }).selectOption('CHF');
  await payment.getByLabel(funding.fields.date).fill('2030-12-31');
  await payment.getByRole('button', { name: funding.transactions.form.submit }).click();
  await expect(payment.getByText(funding.errors.programme_no_rate)).toBeVisible();
  await payment.getByLabel(funding.fields.date).fill('2031-03-01');
  await payment.getByRole('button', { name: funding.transactions.form.submit }).click();
  const donors = page.getByRole('table', { name: /Contributions received between/ });
  await expect(donors).toContainText('Swiss Counter-Terrorism Fund');
  await expect(donors).toContainText('280,000');
  await expectAccessible(page);
});

test('the dashboard says which instruments its ratification count leaves out and how old their data are', async ({
  page,
}) => {
  const funding = messages('en', 'funding');
  await signIn(page, 'officer@lexpact.test');
  await page.goto('/programme/dashboard?from=2030-01-01&to=2030-12-31');
  const notice = page.getByRole('status').filter({ hasText: funding.dashboard.ratificationData.title });
  // serve.ts: complete UN lists as of 14 March 2015, and only part of the Tokyo Convention's list.
  await expect(notice).toContainText('Mar 14, 2015');
  await expect(notice).toContainText('Tokyo Convention 1963');
  await expectAccessible(page);
});
