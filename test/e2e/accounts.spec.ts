import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, isolated, openIn } from './helpers.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';

const messages = (lang: string, ns: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'));
const en = messages('en', 'accounts');

async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: en.fields.email, exact: true }).fill(email);
  await page.getByRole('textbox', { name: en.fields.password, exact: true }).fill(password);
  await page.getByRole('button', { name: en.signIn.submit }).click();
}

test('an administrator invites a partner, who accepts through the mailed link; the invitation is in the audit trail', async ({
  page,
  browser,
}) => {
  // Unique per run, so the test can repeat against the same server.
  const email = `fatima.${Date.now()}@partner.example`;
  await openIn(page, 'en', '/sign-in');
  await expectAccessible(page);
  await signIn(page, 'admin@lexpact.test');
  await expect(page).toHaveURL(/\/account\?lang=en$/);
  await expect(page.getByRole('heading', { level: 1, name: en.account.title })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/admin/users');
  await page.getByRole('button', { name: en.users.inviteOpen }).click();
  const form = page.locator('#invite-form');
  await form.getByRole('textbox', { name: en.fields.email, exact: true }).fill(email);
  await form.getByRole('textbox', { name: en.fields.displayName, exact: true }).fill('Fatima');
  await form.getByRole('combobox', { name: en.fields.role, exact: true }).selectOption('partner');
  await form
    .getByRole('combobox', { name: en.fields.organization, exact: true })
    .selectOption({ label: 'Ministry of Justice of Niger' });
  await form.getByRole('button', { name: en.users.inviteSubmit }).click();
  await expect(page.getByText(en.users.invited.replace('{email}', isolated(email)))).toBeVisible();
  await expectAccessible(page);

  // No mail server here: the link waits in the outbox.
  await page.goto('/admin/outbox');
  const mail = page.locator('pre').filter({ hasText: 'accept-invitation?token=' }).first();
  const link = /\/accept-invitation\?token=\S+/.exec((await mail.textContent()) ?? '')![0];
  await expectAccessible(page);

  const invitee = await (await browser.newContext()).newPage();
  await openIn(invitee, 'en', link);
  await invitee
    .getByRole('textbox', { name: en.fields.newPassword, exact: true })
    .fill('sahel partners working together');
  await invitee
    .getByRole('textbox', { name: en.fields.confirmPassword, exact: true })
    .fill('sahel partners working together');
  await invitee.getByRole('button', { name: en.invitation.submit }).click();
  await expect(invitee.getByText(en.invitation.done)).toBeVisible();
  await signIn(invitee, email, 'sahel partners working together');
  await expect(invitee).toHaveURL(/\/account\?lang=en$/);

  await page.goto('/admin/audit');
  const invitation = page.getByRole('row').filter({ hasText: en.audit.actions.user_invite });
  await expect(invitation.first()).toContainText('admin@lexpact.test');
  await expect(
    page.getByRole('row').filter({ hasText: en.audit.actions.user_accept_invitation }).first(),
  ).toContainText(email);
  await expectAccessible(page);
});

test('a member-state official acts within scope, is refused outside it, and the administrator sees the action in the audit trail', async ({
  page,
  browser,
}) => {
  await openIn(page, 'en', '/sign-in');
  await signIn(page, 'official@justice.ne');
  await expect(page).toHaveURL(/\/account\?lang=en$/);
  // The account page has two "Name" fields (profile and API token): use the profile's.
  const profile = page.getByRole('region', { name: en.profile.title });
  await profile.getByRole('textbox', { name: en.fields.displayName, exact: true }).fill('Moussa, Ministry of Justice');
  await profile.getByRole('button', { name: en.profile.save }).click();
  await expect(page.getByText(en.profile.saved)).toBeVisible();

  await page.goto('/admin/users');
  await expect(page.getByText(en.gate.forbiddenTitle)).toBeVisible();
  const refused = await page.request.get('/api/v1/admin/users');
  expect(refused.status()).toBe(403);
  const forged = await page.request.patch('/api/v1/account', { data: { displayName: 'no CSRF token' } });
  expect(forged.status()).toBe(403);

  const admin = await (await browser.newContext()).newPage();
  await openIn(admin, 'en', '/sign-in');
  await signIn(admin, 'admin@lexpact.test');
  await expect(admin).toHaveURL(/\/account\?lang=en$/);
  await admin.goto('/admin/audit');
  await expect(
    admin
      .getByRole('row')
      .filter({ hasText: en.audit.actions.user_update })
      .filter({ hasText: 'official@justice.ne' })
      .first(),
  ).toBeVisible();
});

test('five wrong passwords lock the account: the sixth attempt says how long to wait', async ({ page }) => {
  await openIn(page, 'en', '/sign-in');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, 'locked@lexpact.test', `wrong password number ${attempt}`);
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await signIn(page, 'locked@lexpact.test');
  // 15 minutes from the fifth failure (fewer when the test repeats against the same server).
  await expect(page.getByRole('alert')).toContainText(
    new RegExp(en.errors.waitMinutes.replace(/\{minutes, plural,.*\}\./, '1[0-5] minutes\\.')),
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the sign-in page works in Arabic, right to left', async ({ page }) => {
  const ar = messages('ar', 'accounts');
  await openIn(page, 'ar', '/sign-in');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.signIn.title);
  await expectAccessible(page);
});
