// The web console over HTTPS ([console] tls = "school-ca") in Debian's
// chromium: the sign-in page loads over https, a member of staff signs in,
// the session cookie is Secure (so Chromium sends it only over HTTPS) and
// every page carries Strict-Transport-Security.
//
// Chromium here has no NSS tools to trust the school's CA in its profile, so
// the test pins the console's certificate by its public key
// (--ignore-certificate-errors-spki-list, ESAFETY_CONSOLE_SPKI); curl checks
// the chain against the school's CA in tests/integration/console_tls_test.sh.
//
// Run by tests/integration/console_tls_browser_test.sh, which sets
// ESAFETY_CONSOLE (https://127.0.0.1:PORT), ESAFETY_CONSOLE_SPKI,
// ESAFETY_STAFF_EMAIL and ESAFETY_STAFF_PASSWORD.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const SPKI = process.env.ESAFETY_CONSOLE_SPKI;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;

let browser;
let page;

before(async () => {
  assert.ok(CONSOLE?.startsWith('https://') && SPKI && EMAIL && PASSWORD,
    'ESAFETY_CONSOLE (https://), ESAFETY_CONSOLE_SPKI, ESAFETY_STAFF_EMAIL and ESAFETY_STAFF_PASSWORD must be set');
  browser = await launch({ extraArgs: [`--ignore-certificate-errors-spki-list=${SPKI}`] });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('signing in over HTTPS: a Secure session cookie, and HSTS on every page', async () => {
  const response = await page.goto(`${CONSOLE}/`);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['strict-transport-security'], 'max-age=15552000');
  const security = await response.securityDetails();
  assert.ok(['TLS 1.2', 'TLS 1.3'].includes(security?.protocol), `protocol: ${security?.protocol}`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();

  const cookies = await browser.context.cookies(CONSOLE);
  assert.ok(cookies.length > 0, 'a session cookie was set');
  for (const cookie of cookies) {
    assert.equal(cookie.secure, true, `${cookie.name} is Secure`);
    assert.equal(cookie.httpOnly, true, `${cookie.name} is HttpOnly`);
  }
  // The session carries on across a reload (the cookie goes back over HTTPS).
  await page.reload();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  // From the page, as the app calls the API (Playwright's own request client
  // would not take Chromium's pin).
  const [status, hsts] = await page.evaluate(async () => {
    const r = await fetch('/api/v1/events');
    return [r.status, r.headers.get('strict-transport-security')];
  });
  assert.equal(status, 200);
  assert.equal(hsts, 'max-age=15552000');
});
