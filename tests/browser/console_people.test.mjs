// The whole flow in Debian's chromium, as the IT technician would
// walk it: sign in, import pupils from a MIS export (a bad file first: every
// problem shown by row and field, nothing imported), register an iPad at a
// second loopback address, lend it to a pupil, browse through the proxy from
// that address, and find the pupil's name in the activity log. Then a
// sanction that restricts the pupil at once, the visitor password and how
// long a sign-in lasts on the Settings page, and a form that survives the
// session ending and the page being reloaded. axe-core on every new page.
//
// Run by tests/integration/console_people_browser_test.sh, which starts
// esafety serve and sets ESAFETY_CONSOLE, ESAFETY_PROXY, ESAFETY_ORIGIN_PORT,
// ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD, ESAFETY_DATA_DIR and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import * as kit from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN_PORT = process.env.ESAFETY_ORIGIN_PORT;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const CSV_DIR = path.resolve(import.meta.dirname, '../data/people');
const IPAD_IP = '127.0.0.2';
const IPAD = 'Class iPad 2';

let browser;
let page;

const axe = (name) => kit.axe(page, name);
const shot = (name) => kit.shot(page, name);
const browseFrom = (source, url) => kit.browseFrom(PROXY, source, url);
const signIn = (scope = page) => kit.signIn(scope, EMAIL, PASSWORD);
const { eventually } = kit;

// "HH:MM" 45 minutes from now, today (or 23:59 near midnight).
function laterToday() {
  const d = new Date(Date.now() + 45 * 60 * 1000);
  if (d.getDate() !== new Date().getDate()) return '23:59';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

before(async () => {
  assert.ok(CONSOLE && PROXY && ORIGIN_PORT && EMAIL && PASSWORD, 'the environment must be set');
  browser = await launch({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('sign in and import pupils: a bad file shows its problems and imports nothing', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
  await axe('people');

  const file = page.getByLabel('CSV file from the MIS');
  await file.setInputFiles(path.join(CSV_DIR, 'pupils_bad.csv'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('6 pupils, 5 errors').waitFor();
  const row4 = page.locator('table.preview-rows tbody tr', { hasText: "Cara O'Neill" });
  assert.match(await row4.textContent(), /Error in date of birth: '31\/02\/2016' is not a real date/);
  assert.match(await page.locator('.preview').textContent(), /Nothing has been imported/);
  assert.equal(await page.getByRole('button', { name: /^Import/ }).count(), 0, 'no import button for a bad file');
  assert.match(await page.locator('.preview').textContent(), /read as Windows \(Latin-1\)/);
  await axe('import-preview');
  await shot('import-bad');
  assert.equal(await page.locator('table.people tbody tr', { hasText: 'Amira Khan' }).count(), 0,
    'nothing was imported');

  await file.setInputFiles(path.join(CSV_DIR, 'pupils_fixed.csv'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('6 pupils, 0 errors').waitFor();
  assert.equal(await page.locator('table.people tbody tr', { hasText: 'Amira Khan' }).count(), 0,
    'a clean check imports nothing either');
  await page.getByRole('button', { name: 'Import 6 pupils' }).click();
  await page.getByText('Imported 6 pupils.').waitFor();
  const amira = page.locator('table.people tbody tr', { hasText: 'Amira Khan' });
  await amira.waitFor();
  assert.match(await amira.textContent(), /G801200026001/);
  assert.match(await amira.textContent(), /Year 3, Oak/);
  await shot('people');
});

test('register an iPad at 127.0.0.2 and lend it to a pupil', async () => {
  await page.getByRole('link', { name: 'Devices' }).click();
  await page.getByRole('heading', { name: 'Devices' }).waitFor();
  await axe('devices');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Register the device' }) });
  await form.getByLabel('Name').fill(IPAD);
  await form.getByLabel('Type').selectOption('ipad');
  await form.getByLabel('Room or class').fill('Year 3');
  await form.getByLabel('IP address').fill('not an address');
  await form.getByLabel('Default group').selectOption('KS1');
  await form.getByRole('button', { name: 'Register the device' }).click();
  const problem = page.locator('section', { has: page.getByRole('heading', { name: 'Register a device' }) }).getByRole('alert');
  await problem.waitFor();
  assert.match(await problem.textContent(), /not an address/, 'a bad address is named');
  await form.getByLabel('IP address').fill(IPAD_IP);
  await form.getByRole('button', { name: 'Register the device' }).click();
  await page.getByText(`Registered ${IPAD}.`).waitFor();
  const row = page.locator('table.devices tbody tr', { hasText: IPAD });
  await row.waitFor();
  assert.match(await row.textContent(), /127\.0\.0\.2/);
  assert.equal(await form.getByLabel('Name').inputValue(), '', 'the form is cleared once saved');

  const lend = page.locator('form', { has: page.getByRole('button', { name: 'Lend the device' }) });
  await lend.getByLabel('Device').selectOption(IPAD);
  await lend.getByLabel('Pupil').selectOption({ label: 'Amira Khan (Year 3, Oak)' });
  await lend.getByLabel('Until (today)').fill(laterToday());
  await lend.getByRole('button', { name: 'Lend the device' }).click();
  await page.getByText(`${IPAD} is lent to Amira Khan`).waitFor();
  await row.getByText('Amira Khan').waitFor();
  await axe('devices-lent');
  await shot('devices');
});

test('browsing from the iPad is logged with the pupil\'s name', async () => {
  const url = `http://nothing-listed.example:${ORIGIN_PORT}/page?from=the-ipad`;
  // KS1 (the iPad's own group) blocks sites in no category; Amira is Year 3, so
  // KS2, which allows them: a 200 means the check-out has reached the filter.
  let last = 0;
  await eventually('the check-out reaches the filter', async () => (last = await browseFrom(IPAD_IP, url)) === 200)
    .catch((e) => { throw new Error(`${e.message}; last status ${last}`); });
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('heading', { name: 'Activity' }).waitFor();
  await page.getByLabel('Pupil or device').fill('Amira Khan');
  // Earlier requests from the address (before the check-out) are the
  // unknown device's; only the pupil's own row counts.
  const amirasEvent = page.locator('table.activity tbody tr')
    .filter({ hasText: 'from=the-ipad' }).filter({ hasText: 'Amira Khan' });
  await eventually('the event is in the log', async () => {
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('table.activity, p:has-text("No activity matches")').first().waitFor();
    return (await amirasEvent.count()) > 0;
  });
  const event = amirasEvent.first();
  assert.match(await event.textContent(), new RegExp(`Amira Khan \\(${IPAD}\\)`));
  assert.match(await event.textContent(), /KS2/);
  await shot('activity-pupil');
});

test('a sanction restricts the pupil at once', async () => {
  await page.getByRole('link', { name: 'Sanctions' }).click();
  await page.getByRole('heading', { name: 'Sanctions' }).waitFor();
  await axe('sanctions');
  await page.getByLabel("Pupil's UPN or login").fill('G801200026001');
  await page.getByLabel('Sanction').selectOption('restrict');
  await page.getByLabel('Reason (kept in the record)').fill('Unkind messages in class');
  await page.getByRole('button', { name: 'Apply the sanction' }).click();
  await page.getByText('Saved. It applies').waitFor();
  const item = page.locator('ul.inbox li', { hasText: 'Amira Khan' });
  await item.waitFor();
  assert.match(await item.textContent(), /Restricted to allowed sites until lifted: Unkind messages in class/);
  const started = Date.now();
  await eventually('the restriction reaches the filter',
    async () => (await browseFrom(IPAD_IP, `http://nothing-listed.example:${ORIGIN_PORT}/page?after=sanction`)) === 403);
  console.log(`sanction applied ${Date.now() - started} ms after it was saved`);
  await axe('sanctions-listed');
  await shot('sanctions');
});

test('settings: a new visitor password, shown once', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await axe('settings');
  await page.getByRole('button', { name: 'Make a new visitor password' }).click();
  const status = page.getByRole('status');
  await status.waitFor();
  const password = (await status.locator('code').textContent()).trim();
  assert.ok(password.length >= 8, `a password: ${password}`);
  await page.getByRole('button', { name: 'Make a new visitor password' }).click();
  await page.waitForFunction((old) => document.querySelector('[role=status] code')?.textContent.trim() !== old, password);
  await shot('settings');
});

test('settings: signing in to the network, saved and still there after a reload', async () => {
  const yearGroup = page.getByLabel('Year-group logins (pupils), minutes');
  await yearGroup.waitFor();
  assert.equal(await yearGroup.inputValue(), '90', 'the default');
  await yearGroup.fill('45');
  const networks = page.getByLabel(/Networks where everyone signs in/);
  await networks.fill('10.20.8.0/33');
  await page.getByRole('button', { name: 'Save the sign-in settings' }).click();
  await page.getByRole('alert').filter({ hasText: '10.20.8.0/33' }).waitFor();
  await networks.fill('10.20.8.0/24, 10.20.9.0/24');
  await page.getByLabel('Pupils may sign in on devices that are not registered (their own devices)').check();
  await page.getByRole('button', { name: 'Save the sign-in settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Signing in to the network' }).waitFor();
  await page.waitForFunction(
    () => document.querySelector('input[name="year_group_minutes"]')?.value === '45');
  assert.equal(await page.getByLabel(/Networks where everyone signs in/).inputValue(), '10.20.8.0/24, 10.20.9.0/24');
  assert.ok(await page.getByLabel('Pupils may sign in on devices that are not registered (their own devices)').isChecked());
  assert.equal(await page.getByLabel('Staff, minutes').inputValue(), '480', 'the others unchanged');
  await axe('settings-sign-in');
  await shot('settings-sign-in');
});

test('filter policy: the groups, and checking a site says why', async () => {
  await page.getByRole('link', { name: 'Filter policy' }).click();
  await page.getByRole('heading', { name: 'Filter policy' }).waitFor();
  const ks2 = page.locator('table.activity tbody tr', { hasText: 'KS2' }).first();
  await ks2.waitFor();
  assert.match(await ks2.textContent(), /Pornography/i);
  await page.getByLabel('Web address or site').fill('http://adult-demo.example/');
  await page.locator('form select[name="group"]').selectOption('KS2');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const answer = page.locator('.check-answer');
  await answer.waitFor();
  assert.match(await answer.textContent(), /^Blocked for KS2:/);
  await page.getByLabel('Web address or site').fill('nothing-listed.example');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('.check-answer', { hasText: 'Allowed' }).waitFor();
  await axe('policy');
  await shot('policy');
});

test('a form survives the session ending and the page being reloaded', async () => {
  await page.getByRole('link', { name: 'Devices' }).click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Register the device' }) });
  await form.getByLabel('Name').fill('Year 4 iPad 01');
  await form.getByLabel('IP address').fill('127.0.0.3');
  await form.getByLabel('Default group').selectOption('KS2');
  await browser.context.clearCookies();  // as if the session had timed out
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn();
  await page.getByRole('heading', { name: 'Devices' }).waitFor();
  assert.equal(await form.getByLabel('Name').inputValue(), 'Year 4 iPad 01', 'the name came back');
  assert.equal(await form.getByLabel('IP address').inputValue(), '127.0.0.3');
  assert.equal(await form.getByLabel('Default group').inputValue(), 'KS2');

  // Ending again, this time on sending: the dialog asks, then the form is sent.
  await browser.context.clearCookies();
  await form.getByRole('button', { name: 'Register the device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Please sign in again' });
  await dialog.waitFor();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Registered Year 4 iPad 01.').waitFor();
  await page.locator('table.devices tbody tr', { hasText: 'Year 4 iPad 01' }).waitFor();
});
