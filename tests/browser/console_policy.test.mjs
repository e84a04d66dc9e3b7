// Changing the filter policy from the console, in Debian's chromium, as the
// head would: block a site for KS2 with a reason and see the running filter
// block it at once for a KS2 iPad (and not for staff), then remove the entry
// and see it allowed again; allow and block a category for KS2, with the
// same proof through the proxy; try to allow illegal content (as a category
// and as a site) and read the refusal; add and remove a time rule. axe-core
// on the page at each step.
//
// Run by tests/integration/console_policy_browser_test.sh, which starts
// esafety serve with the demo school and sets ESAFETY_CONSOLE,
// ESAFETY_PROXY, ESAFETY_ORIGIN_PORT, ESAFETY_STAFF_EMAIL,
// ESAFETY_STAFF_PASSWORD and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, browseFrom, eventually, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN_PORT = process.env.ESAFETY_ORIGIN_PORT;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const KS2_IPAD = '127.0.0.21';  // "Year 5 iPad 01" in the demo school
const STAFF_LAPTOP = '127.0.0.31';
const SITE = 'nothing-listed.example';  // in no list: KS2 allows it until the school blocks it
const BETTING = 'bet-now-demo.example';  // in the demo gambling list

let browser;
let page;

const statusOf = (source, host, tag) => browseFrom(PROXY, source, `http://${host}:${ORIGIN_PORT}/page?${tag}`);

// Waits until the device at `source` gets `want` for `host`; how long it took.
async function filterGives(source, host, want, what) {
  const started = Date.now();
  let last = 0;
  await eventually(what, async () => (last = await statusOf(source, host, `t=${Date.now()}`)) === want)
    .catch((e) => { throw new Error(`${e.message}; last status ${last}`); });
  return Date.now() - started;
}

function group(name) {
  return page.locator('details.group', { has: page.locator('summary', { hasText: name }) });
}

async function openGroup(name) {
  const details = group(name);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return details;
}

before(async () => {
  assert.ok(CONSOLE && PROXY && ORIGIN_PORT && EMAIL && PASSWORD, 'the environment must be set');
  browser = await launch({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('sign in as the head and open the filter policy', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.getByRole('link', { name: 'Filter policy' }).click();
  await page.getByRole('heading', { name: 'Filter policy' }).waitFor();
  await page.getByRole('heading', { name: 'Change a group' }).waitFor();
  await axe(page, 'policy');
});

test('block a site for KS2 with a reason: the running filter blocks it at once', async () => {
  assert.equal(await statusOf(KS2_IPAD, SITE, 'before'), 200, 'KS2 reaches the site at first');
  const form = page.getByRole('form', { name: 'Allow or block a site' });
  await form.getByLabel('Site to allow or block').fill(SITE);
  await form.getByLabel(/^Allow or block/).selectOption('block');
  await form.getByLabel('For which group').selectOption('KS2');
  // The reason is required: the browser will not send the form without one.
  await form.getByRole('button', { name: 'Save the entry' }).click();
  assert.equal(await form.getByLabel('Reason (kept in the record)').evaluate((i) => i.validity.valueMissing), true);
  await form.getByLabel('Reason (kept in the record)').fill('Pupils found a chat room on it');
  await form.getByRole('button', { name: 'Save the entry' }).click();
  await page.getByRole('status').filter({ hasText: `Blocked ${SITE} for KS2.` }).waitFor();
  const row = page.locator('table.entries tbody tr', { hasText: SITE });
  await row.waitFor();
  assert.match(await row.textContent(), /Blocked.*KS2.*Pupils found a chat room on it/);
  assert.equal(await form.getByLabel('Site to allow or block').inputValue(), '', 'the form is cleared once saved');
  const took = await filterGives(KS2_IPAD, SITE, 403, 'the block reaches the filter');
  console.log(`local block applied ${took} ms after it was saved`);
  assert.equal(await statusOf(STAFF_LAPTOP, SITE, 'staff'), 200, 'staff are not affected');
  await axe(page, 'policy-entry-added');
  await shot(page, 'policy-entry');

  // Removing it asks why, then the site is allowed again.
  await row.getByRole('button', { name: `Remove the entry for ${SITE}` }).click();
  await row.getByLabel(`Why remove the entry for ${SITE}?`).fill('The chat room has closed');
  await axe(page, 'policy-remove-reason');
  await row.getByRole('button', { name: 'Remove it' }).click();
  await page.getByRole('status').filter({ hasText: `Removed the entry that blocked ${SITE} for KS2.` }).waitFor();
  await page.locator('table.entries tbody tr', { hasText: SITE }).waitFor({ state: 'detached' });
  await filterGives(KS2_IPAD, SITE, 200, 'the site is allowed again');
});

test('allow a category for KS2, then block it again, each reaching the filter', async () => {
  const ks2 = await openGroup('KS2');
  await axe(page, 'policy-group-open');
  const gambling = ks2.getByLabel('Gambling for KS2');
  assert.equal(await gambling.inputValue(), 'block');
  assert.equal(await statusOf(KS2_IPAD, BETTING, 'before'), 403);
  await gambling.selectOption('allow');
  await ks2.getByLabel('Reason for the change').fill('Maths lesson on probability');
  await ks2.getByRole('button', { name: 'Save changes to KS2' }).click();
  await ks2.getByRole('status').filter({ hasText: "Allowed 'gambling' for KS2." }).waitFor();
  await filterGives(KS2_IPAD, BETTING, 200, 'the category is allowed');
  assert.equal(await ks2.getByLabel('Gambling for KS2').inputValue(), 'allow', 'the page shows the new policy');

  await ks2.getByLabel('Gambling for KS2').selectOption('block');
  await ks2.getByLabel('Reason for the change').fill('The lesson is over');
  await ks2.getByRole('button', { name: 'Save changes to KS2' }).click();
  await ks2.getByRole('status').filter({ hasText: "Blocked 'gambling' for KS2." }).waitFor();
  const took = await filterGives(KS2_IPAD, BETTING, 403, 'the category is blocked again');
  console.log(`category block applied ${took} ms after it was saved`);

  // Saving with nothing changed says so, and sends nothing.
  await ks2.getByLabel('Reason for the change').fill('No change');
  await ks2.getByRole('button', { name: 'Save changes to KS2' }).click();
  await ks2.getByRole('alert').filter({ hasText: 'Nothing has changed yet' }).waitFor();
});

test('illegal content cannot be allowed: the console shows the refusal', async () => {
  const staff = await openGroup('Staff');
  await staff.getByLabel('Illegal content (IWF/CTIRU) for Staff').selectOption('allow');
  await staff.getByLabel('Reason for the change').fill('Testing the filter');
  await staff.getByRole('button', { name: 'Save changes to Staff' }).click();
  const refusal = staff.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /cannot allow 'illegal': it holds illegal content .*nobody, including the system administrator, can allow it/);
  await axe(page, 'policy-refused');
  await shot(page, 'policy-refused');
  await page.reload();
  await page.getByRole('heading', { name: 'Change a group' }).waitFor();
  assert.equal(await (await openGroup('Staff')).getByLabel('Illegal content (IWF/CTIRU) for Staff').inputValue(), 'block',
    'nothing was saved');

  const form = page.getByRole('form', { name: 'Allow or block a site' });
  await form.getByLabel('Site to allow or block').fill('iwf-test.esafety-demo.invalid');
  await form.getByLabel(/^Allow or block/).selectOption('allow');
  await form.getByLabel('Reason (kept in the record)').fill('Testing the filter');
  await form.getByRole('button', { name: 'Save the entry' }).click();
  const entryRefusal = page.locator('section', { has: page.getByRole('heading', { name: 'Sites the school allows or blocks itself' }) })
    .getByRole('alert');
  await entryRefusal.waitFor();
  assert.match(await entryRefusal.textContent(), /iwf-test\.esafety-demo\.invalid is in the 'illegal' category, which holds illegal content/);
  assert.equal(await page.locator('table.entries tbody tr', { hasText: 'iwf-test' }).count(), 0);
  assert.equal(await statusOf(STAFF_LAPTOP, 'iwf-test.esafety-demo.invalid', 'staff'), 403, 'still blocked for staff');
  await form.getByLabel('Site to allow or block').fill('');
  await form.getByLabel('Reason (kept in the record)').fill('');
});

test('add a time rule to KS2 and remove it again', async () => {
  const ks2 = await openGroup('KS2');
  const add = ks2.getByRole('form', { name: 'Add a time rule for KS2' });
  await add.getByLabel('Category').selectOption('social-networking');
  await add.getByLabel(/^Allow or block/).selectOption('allow');
  await add.getByLabel('Days').selectOption('Sat,Sun');
  await add.getByLabel('From').fill('10:00');
  await add.getByLabel('Until').fill('11:30');
  await add.getByLabel('Reason').fill('Weekend blog club');
  await add.getByRole('button', { name: 'Add the time rule' }).click();
  await ks2.getByRole('status').filter({ hasText: 'Added a time rule for KS2: Sat-Sun 10:00-11:30 allow social-networking.' }).waitFor();
  const rule = ks2.locator('ul.rules li', { hasText: 'Sat-Sun 10:00-11:30' });
  await rule.waitFor();
  assert.match(await rule.textContent(), /allows Social networking/);
  const overview = page.locator('table.activity tbody tr', { hasText: 'KS2' }).first();
  assert.match(await overview.textContent(), /Sat-Sun 10:00-11:30 allow social-networking/);
  await axe(page, 'policy-time-rule');
  await shot(page, 'policy-time-rule');

  // An impossible time is named.
  await add.getByLabel('Category').selectOption('games');
  await add.getByLabel('From').fill('09:00');
  await add.getByLabel('Until').fill('09:00');
  await add.getByLabel('Reason').fill('Mistake');
  await add.getByRole('button', { name: 'Add the time rule' }).click();
  await add.getByRole('alert').filter({ hasText: 'to: the rule must end at a different time' }).waitFor();

  await rule.getByRole('button', { name: /^Remove the time rule Sat-Sun 10:00-11:30/ }).click();
  await rule.getByLabel(/^Why remove the time rule/).fill('The club has ended');
  await rule.getByRole('button', { name: 'Remove it' }).click();
  await ks2.getByRole('status').filter({ hasText: 'Removed the time rule for KS2: Sat-Sun 10:00-11:30 allow social-networking.' }).waitFor();
  await ks2.locator('ul.rules li', { hasText: 'Sat-Sun 10:00-11:30' }).waitFor({ state: 'detached' });
  assert.equal(await ks2.locator('ul.rules li', { hasText: '12:00-13:00' }).count(), 1, 'the lunchtime rule stays');
});

test('a half-filled entry is kept as a draft across a reload', async () => {
  const form = page.getByRole('form', { name: 'Allow or block a site' });
  await form.getByLabel('Site to allow or block').fill('homework-help.example');
  await form.getByLabel(/^Allow or block/).selectOption('allow');
  await form.getByLabel('For which group').selectOption('KS1');
  await page.reload();
  await page.getByRole('heading', { name: 'Change a group' }).waitFor();
  assert.equal(await form.getByLabel('Site to allow or block').inputValue(), 'homework-help.example');
  assert.equal(await form.getByLabel(/^Allow or block/).inputValue(), 'allow');
  assert.equal(await form.getByLabel('For which group').inputValue(), 'KS1');
});
