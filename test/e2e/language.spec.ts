import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { TEST_PASSWORD } from '../helpers/accounts.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));

/** A returning visitor who chose this language with the switcher before (a later choice is kept). */
const choseBefore = (page: Page, lang: string) =>
  page.addInitScript((l) => {
    if (!window.localStorage.getItem('lexpact.lang')) window.localStorage.setItem('lexpact.lang', l);
  }, lang);

/** The address's query parameters. */
const query = (page: Page) => new URL(page.url()).searchParams;

async function signIn(page: Page, lang: string, email: string) {
  const accounts = messages(lang, 'accounts');
  await page.getByRole('textbox', { name: accounts.fields.email, exact: true }).fill(email);
  await page.getByRole('textbox', { name: accounts.fields.password, exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: accounts.signIn.submit }).click();
  await expect(page).toHaveURL(/\/account\?/);
}

test('a shared link in French opens in French, whatever this browser chose; its links keep it', async ({ page }) => {
  const fr = messages('fr', 'status');
  const common = messages('fr', 'common');
  await choseBefore(page, 'en');
  await page.goto('/compare?from=2013-01-01&to=2014-06-30&lang=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.compare.title);
  // The exports are written in the language of the page.
  const csv = page.getByRole('link', { name: common.export.csv, exact: true });
  await expect(csv).toHaveAttribute('href', /[?&]lang=fr(&|$)/);

  const nav = page.getByRole('navigation', { name: common.nav.main });
  const instruments = nav.getByRole('link', { name: common.nav.instruments });
  await expect(instruments).toHaveAttribute('href', '/instruments?lang=fr');
  await instruments.click();
  await expect(page).toHaveURL(/\/instruments\?lang=fr$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.instruments.title);
  // Following a link does not change the choice this browser made.
  expect(await page.evaluate(() => window.localStorage.getItem('lexpact.lang'))).toBe('en');
});

test('a shared link in Arabic opens right to left', async ({ page }) => {
  const ar = messages('ar', 'status');
  await page.goto('/?asOf=2014-06-30&lang=ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.overview.title);
  expect(query(page).get('asOf')).toBe('2014-06-30');
});

test.describe('with a Spanish browser', () => {
  test.use({ locale: 'es-ES' });

  test('a first visit opens in Spanish and writes the language into the address', async ({ page }) => {
    const es = messages('es', 'status');
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(es.overview.title);
    await expect(page).toHaveURL(/\/\?lang=es$/);
  });

  test("signing in applies the profile's language when nothing else chose one", async ({ page }) => {
    const ru = messages('ru', 'accounts');
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await signIn(page, 'es', 'translator@lexpact.test');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: ru.account.title })).toBeVisible();
    expect(query(page).get('lang')).toBe('ru');
  });
});

test("signing in keeps the address's French though the profile says English", async ({ page }) => {
  const fr = messages('fr', 'accounts');
  await page.goto('/sign-in?lang=fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.signIn.title);
  await signIn(page, 'fr', 'partner@lexpact.test');
  await expect(page.getByRole('heading', { level: 1, name: fr.account.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  expect(query(page).get('lang')).toBe('fr');
});

test('signing in keeps the language chosen in this browser though the profile says Russian', async ({ page }) => {
  const zh = messages('zh', 'accounts');
  await choseBefore(page, 'zh');
  await page.goto('/sign-in');
  await signIn(page, 'zh', 'translator@lexpact.test');
  await expect(page.getByRole('heading', { level: 1, name: zh.account.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
});

test('the switcher writes the language into the address, keeps the view, adds no history', async ({ page }) => {
  const fr = messages('fr', 'status');
  await choseBefore(page, 'en');
  await page.goto('/compare?from=2013-01-01&to=2014-06-30&set=all');
  await expect(page).toHaveURL(/[?&]lang=en(&|$)/);
  const entries = await page.evaluate(() => window.history.length);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.compare.title);
  await expect(page).toHaveURL(/[?&]lang=fr(&|$)/);
  expect(Object.fromEntries(query(page))).toEqual({ from: '2013-01-01', to: '2014-06-30', set: 'all', lang: 'fr' });
  expect(await page.evaluate(() => window.history.length)).toBe(entries);
  await expect(page.getByRole('link', { name: 'CSV', exact: true })).toHaveAttribute('href', /[?&]lang=fr(&|$)/);

  // The choice holds: a new visit to a bare address opens in French too.
  await page.goto('/instruments');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveURL(/\/instruments\?lang=fr$/);
});
