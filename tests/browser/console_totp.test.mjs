// Two-step sign-in (TOTP, RFC 6238) in Chromium, as the DSL would meet it
// once the school turns it on: the first sign-in shows a key to add to an
// authenticator app; the code is computed here from that key with node's
// HMAC-SHA1, as the app would; a wrong code is refused in plain words; the
// right one signs in. The next sign-in asks for a code without showing the
// key again.
//
// Run by tests/integration/console_totp_browser_test.sh, which starts esafety
// serve with the demo school, turns two-step sign-in on, and sets
// ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    assert.ok(v >= 0, `'${c}' is not base32`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 6238 with HMAC-SHA1, 30-second steps, 6 digits.
function totp(secret, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, '0');
}

// RFC 6238's own test vector (SHA-1, T = 59 s): 94287082, so 287082 in 6 digits.
test('the code is computed as RFC 6238 says', () => {
  const rfcKey = Buffer.from('12345678901234567890').toString('binary');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of rfcKey) bits += ch.charCodeAt(0).toString(2).padStart(8, '0');
  let b32 = '';
  for (let i = 0; i < bits.length; i += 5) b32 += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  assert.equal(totp(b32, 59), '287082');
  assert.equal(totp(b32, 1111111109), '081804');
});

let browser;
let page;

before(async () => {
  assert.ok(CONSOLE && EMAIL && PASSWORD, 'the environment must be set');
  browser = await launch({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

let secret = '';
let usedStep = 0;  // the TOTP step of the code the first sign-in used

test('the first sign-in shows the key; a wrong code is refused; the right one gets in', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: 'Set up two-step sign-in' }).waitFor();
  secret = (await page.locator('.totp-setup code.key').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.match(await page.locator('.totp-setup code.uri').textContent(), new RegExp(`^otpauth://totp/.*secret=${secret}`));
  await axe(page, 'totp-setup');
  await shot(page, 'totp-setup');

  // A code that is right at no step the server accepts (this one, or one either side).
  const now = Date.now() / 1000;
  const near = new Set([-30, 0, 30].map((d) => totp(secret, now + d)));
  let wrong = '000000';
  for (let i = 1; near.has(wrong); i++) wrong = String(i).padStart(6, '0');
  const code = page.getByLabel('Code from your authenticator app');
  await code.fill(wrong);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await alert.filter({ hasText: 'That code is not right. Check the time on your phone, then try the newest code.' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Sign in to esafety' }).count(), 1, 'still signing in');
  await axe(page, 'totp-wrong-code');

  await code.fill(totp(secret));
  usedStep = Math.floor(Date.now() / 1000 / 30);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  assert.match(await page.locator('.who').textContent(), /\(dsl\)/);
});

test('the next sign-in asks for a code and does not show the key again', async () => {
  assert.ok(secret, 'the first test found the key');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  await page.getByRole('alert').filter({ hasText: 'Enter the six-digit code from your authenticator app.' }).waitFor();
  assert.equal(await page.locator('.totp-setup').count(), 0, 'the key is shown only while setting up');
  // Each code signs in once: the one just used is refused, the next one works.
  await page.getByLabel('Code from your authenticator app').fill(totp(secret, usedStep * 30));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'That code has been used already. Wait for the next code, then enter it.' }).waitFor();
  const wait = (usedStep + 1) * 30 * 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 200));
  await page.getByLabel('Code from your authenticator app').fill(totp(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await shot(page, 'totp-signed-in');
});
