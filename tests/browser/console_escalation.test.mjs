// Issue 14's second browser flow: a KS2 self-harm alert left unacknowledged
// escalates to the head by mail, with the clock driven through the time
// seam (`esafety serve --test-clock`). The DSL sees on the alert's page that
// they were told; the rota at the foot of the Alerts page warns that the
// school has no deputy DSL; the clock moves 16 minutes; the head's mail
// arrives at the real SMTP sink and the alert's page shows the deputy's rung
// skipped and the head mailed. Then the DSL changes the rota on the page,
// with a reason.
//
// Run by tests/integration/alert_escalation_browser_test.sh, which starts
// serve with the test clock and the SMTP sink, makes the alert, and sets
// ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD,
// ESAFETY_CLOCK_FILE, ESAFETY_MAILBOX and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import * as kit from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const CLOCK = process.env.ESAFETY_CLOCK_FILE;
const MAILBOX = process.env.ESAFETY_MAILBOX;

let browser;
let page;

async function mailsTo(address) {
  const files = (await readdir(MAILBOX)).filter((f) => f.endsWith('.json'));
  const mails = await Promise.all(files.map(async (f) => JSON.parse(await readFile(`${MAILBOX}/${f}`, 'utf8'))));
  return mails.filter((m) => m.to.includes(address));
}

async function until(what, check, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

before(async () => {
  assert.ok(CONSOLE && EMAIL && PASSWORD && CLOCK && MAILBOX, 'the environment is set by alert_escalation_browser_test.sh');
  browser = await launch({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('the DSL sees who was told, and the rota warns of the missing deputy', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
  await page.getByRole('heading', { name: 'Who is told, and when' }).waitFor();
  assert.match(await page.locator('section', { hasText: 'Who is told' }).textContent(),
    /in_hours rung 2 \(role:deputy_dsl\): nobody there has an email address/);
  await kit.axe(page, 'alerts-rota');
  await kit.shot(page, 'alerts-rota');
  const row = page.locator('table tbody tr', { hasText: 'self-harm' }).first();
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: /Level 5: self-harm/ }).waitFor();
  await page.getByRole('heading', { name: 'Who was told' }).waitFor();
  assert.match(await page.locator('ol.escalations').textContent(), /dsl .*mailed dsl@demo-school\.example/);
  assert.equal((await mailsTo('head@demo-school.example')).length, 0, 'the head is not mailed yet');
});

test('left unacknowledged for 16 minutes, it escalates to the head by mail', async () => {
  await writeFile(CLOCK, '960\n');
  await until('the head\'s mail', async () => (await mailsTo('head@demo-school.example')).length === 1);
  const [mail] = await mailsTo('head@demo-school.example');
  assert.match(mail.data, /an alert of level 5/);
  assert.doesNotMatch(mail.data, /kill/, 'no search in the mail');
  await until('the alert page showing the head', async () => {
    await page.reload();
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.locator('table tbody tr', { hasText: 'self-harm' }).first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Who was told' }).waitFor();
    return /head .*mailed head@demo-school\.example/.test(await page.locator('ol.escalations').textContent());
  });
  const steps = await page.locator('ol.escalations li').allTextContents();
  assert.equal(steps.length, 3, steps.join('\n'));
  assert.match(steps[1], /deputy_dsl .*nobody there has an email address/);
  await kit.axe(page, 'alert-escalated');
  await kit.shot(page, 'alert-escalated');
  assert.equal((await mailsTo('dsl@demo-school.example')).length, 1, 'the DSL was mailed once');
});

test('the DSL changes the rota on the page, with a reason', async () => {
  await page.getByRole('button', { name: 'Back to the alerts' }).click();
  await page.getByRole('heading', { name: 'Who is told, and when' }).waitFor();
  await page.getByLabel('Minutes to acknowledge in hours').fill('10');
  const save = page.getByRole('button', { name: 'Save the rota' });
  assert.equal(await save.isDisabled(), true, 'no reason yet');
  await page.getByLabel('Reason for the change (needed; audited)').fill('Agreed at the safeguarding meeting');
  await save.click();
  await page.getByText(/Rota version \d+ is in force/).waitFor();
  await page.getByLabel('School hours', { exact: true }).fill('8-16');
  await page.getByLabel('Reason for the change (needed; audited)').fill('Try');
  await save.click();
  await page.getByRole('alert').filter({ hasText: "hours: '8-16' is not HH:MM-HH:MM" }).waitFor();
});
