// The calls check_api.mjs makes, in order, on the demo school: each route
// the schema lists, with a valid body and with the usual mistakes, and a
// second look at each list once something is in it. Every call names the
// status it expects; expect() checks the answer against the schema.
//
// Before it runs, the demo server has an allowed and a blocked request from
// the KS2 iPad 127.0.0.21 in its log, and two-step sign-in on.

import { createHmac } from "node:crypto";

const kPassword = "esafety-demo";
const kReason = "Checking the API against its schema";
const kPupil = "G801200026001";  // Amira Khan in tests/data/people/pupils_fixed.csv

// The RFC 6238 code an authenticator app shows for a base32 key now.
function totpNow(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

// "HH:MM" later today, local time (the server's clock is this machine's).
function laterToday() {
  const pad = (n) => String(n).padStart(2, "0");
  const now = new Date();
  const later = new Date(now.getTime() + 45 * 60 * 1000);
  return later.getDate() === now.getDate() ? `${pad(later.getHours())}:${pad(later.getMinutes())}` : "23:59";
}

async function waitForCompile(expect, api) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await expect(api, "GET", "/lists/job", undefined, 200);
    if (job.state !== "running") return job;
    if (Date.now() > deadline) throw new Error("the list compile did not end within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signingIn({ expect, newClient, permissionsNeeded }) {
  const anon = newClient();
  await expect(anon, "GET", "/session", undefined, 401);
  await expect(anon, "POST", "/session", {}, 400);
  await expect(anon, "POST", "/session", { email: "it@demo-school.example", password: "wrong" }, 401);
  // The head, with two-step sign-in on and not yet set up: the key to add.
  const totp = await expect(anon, "POST", "/session", { email: "head@demo-school.example", password: kPassword }, 401);
  if (!totp.totp_setup) throw new Error(`the head's sign-in did not offer two-step setup: ${JSON.stringify(totp)}`);
  // Guessing: the back-off answers 429 within a few tries.
  for (let i = 0; ; ++i) {
    const r = await anon.call("POST", "/session", { email: "governor@demo-school.example", password: `guess-${i}` });
    if (r.status === 429) {
      await expect(anon, "POST", "/session", { email: "governor@demo-school.example", password: "guess" }, 429);
      break;
    }
    if (i > 10) throw new Error("no 429 after 10 wrong passwords");
  }

  // The IT technician needs a code too: set it up from the key offered.
  const api = newClient();
  const setup = await expect(api, "POST", "/session", { email: "it@demo-school.example", password: kPassword }, 401);
  if (!setup.totp_setup) throw new Error(`the IT technician's sign-in did not offer two-step setup: ${JSON.stringify(setup)}`);
  const code = totpNow(setup.totp_setup.secret);
  const session = await expect(api, "POST", "/session", { email: "it@demo-school.example", password: kPassword, code }, 200);
  // The same code does not sign in twice.
  await expect(newClient(), "POST", "/session", { email: "it@demo-school.example", password: kPassword, code }, 401);
  api.csrf = session.csrf;
  const me = await expect(api, "GET", "/session", undefined, 200);
  // Alerts are the DSL's and the head's alone (alerts() signs in the DSL);
  // a class's alerts are its teacher's (classAlerts() signs in the teacher).
  // Safeguarding records are the DSL's, the deputy's and the head's (records() signs in the head).
  const others = ["handle_alerts", "view_class_alerts", "read_safeguarding_records"];
  const missing = permissionsNeeded.filter((p) => !others.includes(p) && !me.user.permissions.includes(p));
  if (missing.length) throw new Error(`the IT technician lacks ${missing.join(", ")}: sign in as someone who has them`);
  return api;
}

async function activity({ expect, consoleUrl, postFormFrom }, api) {
  const blocked = await expect(api, "GET", "/events?group=KS2&decision=block", undefined, 200);
  if (blocked.events.length === 0) throw new Error("no blocked request in the log to tell a teacher about");
  // The block page's own reference and form token (api_schema_test.sh reads them from the page).
  const status = await postFormFrom("127.0.0.21", `${consoleUrl}/blocked/tell-teacher`,
    { ref: process.env.ESAFETY_BLOCK_REF ?? blocked.events[0].reference, token: process.env.ESAFETY_BLOCK_TOKEN ?? "" });
  if (status >= 400) throw new Error(`tell-teacher from the block page answered ${status}`);
  await expect(api, "GET", "/events", undefined, 200);
  await expect(api, "GET", "/events?limit=1", undefined, 200);
  await expect(api, "GET", "/events?decision=maybe", undefined, 400);
  await expect(api, "GET", "/events?from=yesterday", undefined, 400);
  await expect(api, "GET", "/events.csv?host=adult-demo.example", undefined, 200);
  await expect(api, "GET", "/events.csv?limit=x", undefined, 400);
  await expect(api, "GET", "/dashboard", undefined, 200);

  const inbox = await expect(api, "GET", "/inbox", undefined, 200);
  if (inbox.items.length === 0) throw new Error("the block page's request did not reach the inbox");
  await expect(api, "POST", "/inbox/status", { id: inbox.items[0].id, status: "done" }, 200);
  await expect(api, "POST", "/inbox/status", { id: inbox.items[0].id }, 400);
  await expect(api, "POST", "/inbox/status", { id: 999999, status: "done" }, 404);
}

async function people({ expect, fixture }, api) {
  const bad = (await fixture("people/pupils_bad.csv")).toString("base64");
  const good = (await fixture("people/pupils_fixed.csv")).toString("base64");
  await expect(api, "POST", "/people/import/preview", { csv_base64: bad }, 200);
  await expect(api, "POST", "/people/import/preview", { csv_base64: "not*base64" }, 400);
  await expect(api, "POST", "/people/import", { csv_base64: bad }, 400);
  await expect(api, "POST", "/people/import", {}, 400);
  await expect(api, "POST", "/people/import", { csv_base64: good }, 200);
  await expect(api, "POST", "/people/year-logins", undefined, 200);
  await expect(api, "POST", "/visitor-password", undefined, 200);

  const until = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
  const sanction = await expect(api, "POST", "/sanctions", { who: kPupil, kind: "restrict", until, reason: kReason }, 200);
  await expect(api, "POST", "/sanctions", { who: kPupil, kind: "ban", reason: kReason }, 400);
  await expect(api, "POST", "/sanctions", { who: "N801200026099", kind: "restrict", reason: kReason }, 404);
  await expect(api, "GET", "/sanctions", undefined, 200);
  await expect(api, "GET", "/people", undefined, 200);
  await expect(api, "GET", "/pupils", undefined, 200);
  await expect(api, "POST", "/sanctions/lift", { id: sanction.id }, 400);
  await expect(api, "POST", "/sanctions/lift", { id: sanction.id, reason: kReason }, 200);
  await expect(api, "POST", "/sanctions/lift", { id: sanction.id, reason: kReason }, 404);
}

// Signs `client` in as `email`, whose role needs a two-step code not yet
// set up: the first answer (401) offers the key, the second gives a code.
async function signInSettingUpTwoStep(expect, client, email) {
  const offer = await expect(client, "POST", "/session", { email, password: kPassword }, 401);
  if (!offer.totp_setup) throw new Error(`${email}'s sign-in did not offer two-step setup: ${JSON.stringify(offer)}`);
  const session = await expect(client, "POST", "/session",
    { email, password: kPassword, code: totpNow(offer.totp_setup.secret) }, 200);
  client.csrf = session.csrf;
  return client;
}

// Safeguarding records (issue 15): the IT technician raises a concern about
// the pupil people() imported, and may not list or read it (403); the head,
// signed in with two-step, lists and reads it, its words opened.
async function records({ expect, newClient }, api) {
  const words = "I don't want to go home tonight";
  await expect(api, "POST", "/records/concerns",
    { about: kPupil, saw: "Crying at break", child_words: words, where: "the playground" }, 201);
  await expect(api, "POST", "/records/concerns", { about: kPupil }, 400);
  await expect(api, "POST", "/records/concerns", { about: kPupil, saw: " " }, 400);
  await expect(api, "POST", "/records/concerns", { about: "N801200026099", saw: "x" }, 404);
  const refused = await api.call("GET", "/records");
  if (refused.status !== 403) throw new Error(`GET /records as the IT technician answered ${refused.status}, not 403`);
  const head = await signInSettingUpTwoStep(expect, newClient(), "head@demo-school.example");
  const list = await expect(head, "GET", "/records", undefined, 200);
  if (list.items.length !== 1) throw new Error(`GET /records: one concern expected: ${JSON.stringify(list)}`);
  const detail = await expect(head, "GET", `/records/detail?id=${list.items[0].id}`, undefined, 200);
  if (!detail.fields.some((f) => f.name === "child_words" && f.text === words)) {
    throw new Error(`the child's words did not come back opened: ${JSON.stringify(detail.fields)}`);
  }
  await expect(head, "GET", "/records/detail?id=999999", undefined, 404);
  await expect(head, "GET", "/records/detail", undefined, 400);
  await expect(head, "DELETE", "/session", undefined, 204);
}

async function devices({ expect }, api) {
  const ipad = { name: "Schema check iPad", type: "ipad", room: "Year 3", mac: "02:e5:00:00:99:01",
                 ip: "127.0.0.99", dhcp_reservation: true, group: "KS1" };
  await expect(api, "POST", "/devices", ipad, 201);
  await expect(api, "POST", "/devices", ipad, 409);
  await expect(api, "POST", "/devices", { name: " " }, 400);
  const lend = { device: ipad.name, upn: kPupil, until: laterToday() };
  await expect(api, "POST", "/devices/checkout", lend, 200);
  await expect(api, "POST", "/devices/checkout", { ...lend, until: "25:00" }, 400);
  await expect(api, "POST", "/devices/checkout", { ...lend, upn: "N801200026099" }, 404);
  await expect(api, "GET", "/devices", undefined, 200);
  await expect(api, "POST", "/devices/checkin", { device: ipad.name }, 200);
  await expect(api, "POST", "/devices/checkin", { device: ipad.name }, 404);
  await expect(api, "POST", "/devices/checkin", {}, 400);
  await expect(api, "POST", "/devices/remove", { device: ipad.name }, 200);
  await expect(api, "POST", "/devices/remove", { device: ipad.name }, 404);
  await expect(api, "POST", "/devices/remove", {}, 400);
}

// The live class view (issue 14, item 4): the IT technician may act on any
// room; the demo teacher's class is Year 5, so a Year 1 iPad is another
// class's.
async function restrictions({ expect, expectStream, newClient }, api) {
  const ipad = "Year 5 iPad 01";
  await expect(api, "POST", "/restrictions", { device: ipad, kind: "pause", reason: kReason }, 200);
  await expect(api, "POST", "/restrictions", { device: ipad, kind: "sleep", reason: kReason }, 400);
  await expect(api, "POST", "/restrictions", { device: ipad, kind: "pause", reason: "" }, 400);
  await expect(api, "POST", "/restrictions", { device: "No such iPad", kind: "pause", reason: kReason }, 404);
  // Lent to a pupil meanwhile, so the view carries a checkout too.
  await expect(api, "POST", "/devices/checkout", { device: ipad, upn: kPupil, until: laterToday() }, 200);
  await expect(api, "GET", "/classview?room=Year%205", undefined, 200);
  await expect(api, "POST", "/devices/checkin", { device: ipad }, 200);
  await expect(api, "GET", "/classview?room=Nowhere", undefined, 403);
  await expect(api, "POST", "/restrictions",
               { device: ipad, kind: "allow_list", allow: "bbc.co.uk/bitesize", minutes: 45, reason: kReason }, 200);
  await expect(api, "GET", "/restrictions", undefined, 200);
  const teacher = newClient();
  await teacher.signIn("teacher@demo-school.example", kPassword);
  await expect(teacher, "POST", "/restrictions", { device: "Year 1 iPad 01", kind: "pause", reason: kReason }, 403);
  // The class view's live stream: the teacher's own room, not another's.
  const room = await expectStream(teacher, "/classview/stream?room=Year%205", 200);
  if (!room.includes("retry:")) throw new Error(`the class view stream did not open with its retry line: ${room}`);
  await expectStream(teacher, "/classview/stream?room=Year%201", 403);
  await expect(teacher, "POST", "/restrictions/release", { device: "Year 1 iPad 01", reason: kReason }, 403);
  await expect(teacher, "DELETE", "/session", undefined, 204);
  await expect(api, "POST", "/restrictions/release", { device: ipad }, 400);
  await expect(api, "POST", "/restrictions/release", { device: ipad, reason: kReason }, 200);
  await expect(api, "POST", "/restrictions/release", { device: ipad, reason: kReason }, 404);
}

async function settings({ expect }, api) {
  const now = await expect(api, "GET", "/settings/sign-in", undefined, 200);
  await expect(api, "PUT", "/settings/sign-in", { staff_minutes: 3 }, 400);
  await expect(api, "PUT", "/settings/sign-in", {}, 400);
  await expect(api, "PUT", "/settings/sign-in", { staff_minutes: now.staff_minutes }, 200);
}

// Mail: a relay on loopback port 9 (nothing listens; the mail waits and
// fails), a test mail queued, the outbox read with it in.
async function mail({ expect }, api) {
  await expect(api, "PUT", "/settings/mail", { smtp_port: 70000 }, 400);
  await expect(api, "PUT", "/settings/mail", { smtp_host: "smtp.school.example", security: "none" }, 400);
  await expect(api, "POST", "/mail/test", { address: "dsl@school.example" }, 409);
  await expect(api, "PUT", "/settings/mail", {
    smtp_host: "127.0.0.1", smtp_port: 9, security: "none", from: "esafety@school.example",
    password: "not-shown", public_url: "https://esafety.school.example",
  }, 200);
  await expect(api, "POST", "/mail/test", { address: "not an address" }, 400);
  await expect(api, "POST", "/mail/test", { address: "dsl@school.example" }, 202);
  await expect(api, "POST", "/mail/retry", undefined, 200);
  const page = await expect(api, "GET", "/mail", undefined, 200);
  if (page.mail.length === 0) throw new Error("GET /mail: the test mail is not in the outbox");
  if (JSON.stringify(page).includes("not-shown")) throw new Error("GET /mail: the password is in the answer");
}

// The filter self-test: no run yet; Run now starts one in the background,
// which cannot check anything (the demo school has no self-test devices)
// and says so in the progress. With a self-test device for KS1, a run is
// recorded with its results.
async function selftest({ expect }, api) {
  const finished = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await expect(api, "GET", "/selftest", undefined, 200);
      if (!page.progress.running) return page;
      if (Date.now() > deadline) throw new Error("POST /selftest/run: the run did not end");
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const before = await expect(api, "GET", "/selftest", undefined, 200);
  if (before.runs.length !== 0 || !before.can_run) throw new Error("GET /selftest: no run yet, and Run now offered");
  await expect(api, "POST", "/selftest/run", undefined, 202);
  const refused = await finished();
  if (!refused.progress.last_error.includes("Self-test")) throw new Error(`GET /selftest: ${refused.progress.last_error}`);
  await expect(api, "POST", "/devices",
    { name: "Self-test KS1", type: "other", room: "Self-test", ip: "127.0.0.19", group: "KS1" }, 201);
  await expect(api, "POST", "/selftest/run", undefined, 202);
  const ran = await finished();
  if (ran.runs.length !== 1 || ran.runs[0].results.length === 0) throw new Error("GET /selftest: the run and its results");
}

// The termly report and the evidence pack: nothing to download before one is
// made; bad dates refused naming the field; made in the background, then
// the zip and the printable page.
async function reports({ expect }, api) {
  const idle = await expect(api, "GET", "/reports", undefined, 200);
  if (idle.job.phase !== "idle") throw new Error(`GET /reports: ${idle.job.phase} before any pack`);
  await expect(api, "GET", "/reports/pack", undefined, 404);
  await expect(api, "GET", "/reports/html", undefined, 404);
  await expect(api, "POST", "/reports", { from: "2026-13-01", to: "2026-12-31" }, 400);
  await expect(api, "POST", "/reports", { from: "2026-12-31" }, 400);
  const today = new Date().toISOString().slice(0, 10);
  await expect(api, "POST", "/reports", { from: "2026-01-01", to: today }, 202);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await expect(api, "GET", "/reports", undefined, 200);
    if (page.job.phase === "done") break;
    if (page.job.phase === "failed") throw new Error(`the pack failed: ${page.job.error}`);
    if (Date.now() > deadline) throw new Error("POST /reports: the pack was not made");
    await new Promise((r) => setTimeout(r, 200));
  }
  await expect(api, "GET", "/reports/pack", undefined, 200);
  const html = await expect(api, "GET", "/reports/html", undefined, 200);
  if (!html.includes("<svg")) throw new Error("GET /reports/html: no charts");
}

async function policy({ expect }, api) {
  const entry = await expect(api, "POST", "/policy/entries",
    { pattern: "schema-check.example", action: "block", group: "KS2", reason: kReason }, 201);
  await expect(api, "POST", "/policy/entries", { pattern: "schema-check.example", action: "maybe", reason: kReason }, 400);
  await expect(api, "POST", "/policy/entries", { pattern: "iwf-test.esafety-demo.invalid", action: "allow", reason: kReason }, 422);
  await expect(api, "POST", "/policy/group-category", { group: "KS2", category: "games", action: "block", reason: kReason }, 200);
  await expect(api, "POST", "/policy/group-category", { group: "KS2", category: "illegal", action: "allow", reason: kReason }, 422);
  await expect(api, "POST", "/policy/group-category", { group: "KS2", category: "games", action: "none" }, 400);
  const rule = { group: "KS2", category: "games", action: "allow", days: "every day", from: "00:00", to: "24:00", reason: kReason };
  await expect(api, "POST", "/policy/time-rules", rule, 201);
  await expect(api, "POST", "/policy/time-rules", { ...rule, from: "noon" }, 400);
  await expect(api, "POST", "/policy/uncategorised", { group: "KS2", action: "block", reason: kReason }, 200);
  await expect(api, "POST", "/policy/uncategorised", { group: "KS2", action: "maybe", reason: kReason }, 400);

  const view = await expect(api, "GET", "/policy", undefined, 200);
  await expect(api, "GET", "/policy/check?url=http%3A%2F%2Fschema-check.example%2F&group=KS2", undefined, 200);
  await expect(api, "GET", "/policy/check?url=http%3A%2F%2Fadult-demo.example%2F&group=KS2", undefined, 200);
  await expect(api, "GET", "/policy/check?url=games-demo.example&group=KS2", undefined, 200);
  await expect(api, "GET", "/policy/check?url=www.google.co.uk&group=KS2", undefined, 200);
  await expect(api, "GET", "/policy/check?group=KS2", undefined, 400);

  const ks2 = view.groups.find((g) => g.name === "KS2");
  const added = ks2.rules.find((r) => r.category === "games" && r.action === "allow");
  await expect(api, "POST", "/policy/time-rules/remove", { group: "KS2", index: added.index, rule: "not its wording", reason: kReason }, 409);
  await expect(api, "POST", "/policy/time-rules/remove", { group: "KS2", index: added.index, rule: added.text, reason: kReason }, 200);
  await expect(api, "POST", "/policy/entries/remove", { id: entry.id, reason: kReason }, 200);
  await expect(api, "POST", "/policy/entries/remove", { id: entry.id, reason: kReason }, 404);
  await expect(api, "POST", "/policy/entries/remove", { id: entry.id }, 400);
}

async function lists({ expect }, api) {
  await expect(api, "GET", "/lists", undefined, 200);
  const upload = {
    name: "schema-check.txt",
    content_base64: Buffer.from("schema-list.example\nnot a host name!\n").toString("base64"),
    format: "plain",
    category: "games",
    reason: kReason,
  };
  const added = await expect(api, "POST", "/lists", upload, 202);
  const job = await waitForCompile(expect, api);
  if (job.problems.length === 0) throw new Error("the compile named no problem with 'not a host name!'");
  await expect(api, "POST", "/lists", upload, 409);
  await expect(api, "POST", "/lists", { ...upload, reason: "" }, 400);
  await expect(api, "POST", "/lists/compile", { reason: kReason }, 202);
  await waitForCompile(expect, api);
  await expect(api, "POST", "/lists/compile", [], 400);
  await expect(api, "GET", "/lists", undefined, 200);
  await expect(api, "POST", "/lists/remove", { id: added.list.id, reason: " " }, 400);
  await expect(api, "POST", "/lists/remove", { id: 999999, reason: kReason }, 404);
  await expect(api, "POST", "/lists/remove", { id: added.list.id, reason: kReason }, 202);
  await waitForCompile(expect, api);
}

// The DSL's alerts: the blocked request and the "Tell a teacher" press of
// activity() make at least one alert within the engine's pass (~200 ms).
async function alerts({ expect, expectStream, newClient }, api) {
  const refused = await api.call("GET", "/alerts");  // the IT technician may not see them
  if (refused.status !== 403) throw new Error(`GET /alerts as the IT technician answered ${refused.status}, not 403`);
  const dsl = await signInSettingUpTwoStep(expect, newClient(), "dsl@demo-school.example");
  const deadline = Date.now() + 15_000;
  let list;
  for (;;) {
    list = await expect(dsl, "GET", "/alerts", undefined, 200);
    if (list.items.length > 0) break;
    if (Date.now() > deadline) throw new Error("no alert within 15 s of a Tell a teacher press");
    await new Promise((r) => setTimeout(r, 200));
  }
  // The rota (who is told, and when): the DSL's, not the IT technician's.
  const rotaRefused = await api.call("GET", "/alerts/rota");
  if (rotaRefused.status !== 403) throw new Error(`GET /alerts/rota as the IT technician answered ${rotaRefused.status}, not 403`);
  await expect(dsl, "GET", "/alerts/rota", undefined, 200);
  await expect(dsl, "POST", "/alerts/rota", { changes: { hours: "8-16" }, reason: kReason }, 400);
  await expect(dsl, "POST", "/alerts/rota", { changes: { mail_level: "1" }, reason: "" }, 400);
  await expect(dsl, "POST", "/alerts/rota", { changes: {}, reason: kReason }, 400);
  await expect(dsl, "POST", "/alerts/rota", { changes: { mail_level: "1" }, reason: kReason }, 200);
  // The notifier (a pass every 5 s) mails the rota's first rung about the
  // open alert: who was told is on the alert's detail.
  const toldBy = Date.now() + 20_000;
  for (;;) {
    const told = await expect(dsl, "GET", `/alerts/detail?id=${list.items[0].id}`, undefined, 200);
    if (told.escalations.length > 0) break;
    if (Date.now() > toldBy) throw new Error("nobody was told about the alert within 20 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  await expect(dsl, "GET", "/alerts?open=1&level=1&group=KS2&limit=5", undefined, 200);
  const opened = await expectStream(dsl, "/alerts/stream", 200);
  if (!opened.includes("retry:")) throw new Error(`the alerts stream did not open with its retry line: ${opened}`);
  const notHers = await api.open("/alerts/stream");  // the IT technician may not see alerts
  if (notHers.status !== 403) throw new Error(`GET /alerts/stream as the IT technician answered ${notHers.status}, not 403`);
  await expect(dsl, "GET", "/alerts?state=sideways", undefined, 400);
  await expect(dsl, "GET", "/alerts?limit=x", undefined, 400);
  const id = list.items[0].id;
  await expect(dsl, "POST", "/alerts/triage", { id, action: "monitor", note: "too soon" }, 409);
  await expect(dsl, "POST", "/alerts/triage", { id, action: "acknowledge", note: "Looking now" }, 200);
  await expect(dsl, "POST", "/alerts/triage", { id, action: "monitor", note: "Spoke to the class teacher" }, 200);
  await expect(dsl, "POST", "/alerts/triage", { id, action: "shrug", note: "x" }, 400);
  await expect(dsl, "POST", "/alerts/triage", { id, action: "monitor" }, 400);
  await expect(dsl, "POST", "/alerts/triage", { id: 999999, action: "acknowledge", note: "x" }, 404);
  const detail = await expect(dsl, "GET", `/alerts/detail?id=${id}`, undefined, 200);
  if (detail.actions.length !== 2 || detail.actions[1].note !== "Spoke to the class teacher") {
    throw new Error(`the triage notes did not come back opened: ${JSON.stringify(detail.actions)}`);
  }
  await expect(dsl, "GET", "/alerts/detail?id=999999", undefined, 404);
  await expect(dsl, "GET", "/alerts/detail", undefined, 400);
  const rules = await expect(dsl, "GET", "/alerts/rules", undefined, 200);
  await expect(dsl, "POST", "/alerts/rules", { text: "[[rule]]\nname = 1\n", reason: kReason }, 400);
  await expect(dsl, "POST", "/alerts/rules", { text: rules.text, reason: "" }, 400);
  await expect(dsl, "POST", "/alerts/rules", { text: rules.text, reason: kReason }, 200);
  await expect(dsl, "GET", "/alerts/rules", undefined, 200);
  await classAlerts({ expect, newClient }, api, dsl);
  await expect(dsl, "DELETE", "/session", undefined, 204);
}

// A teacher's own class's alerts: off (409) until the DSL (signed in by
// alerts()) turns them on in the rota; the demo teacher's class is Year 5,
// whose iPad pressed "Tell a teacher" in activity().
async function classAlerts({ expect, newClient }, api, dsl) {
  const refused = await api.call("GET", "/class-alerts");  // the IT technician is no class teacher
  if (refused.status !== 403) throw new Error(`GET /class-alerts as the IT technician answered ${refused.status}, not 403`);
  const teacher = newClient();
  await teacher.signIn("teacher@demo-school.example", kPassword);
  await expect(teacher, "GET", "/class-alerts", undefined, 409);
  await expect(teacher, "GET", "/class-alerts/detail?id=1", undefined, 409);
  await expect(dsl, "POST", "/alerts/rota", { changes: { teachers_see_own_class: "maybe" }, reason: kReason }, 400);
  await expect(dsl, "POST", "/alerts/rota", { changes: { teachers_see_own_class: "yes" }, reason: kReason }, 200);
  const mine = await expect(teacher, "GET", "/class-alerts?open=1&level=1&limit=50", undefined, 200);
  await expect(teacher, "GET", "/class-alerts?state=sideways", undefined, 400);
  if (mine.class !== "Year 5" || mine.items.length === 0) {
    throw new Error(`GET /class-alerts: the demo teacher's Year 5 alert: ${JSON.stringify(mine)}`);
  }
  await expect(teacher, "GET", `/class-alerts/detail?id=${mine.items[0].id}`, undefined, 200);
  await expect(teacher, "GET", "/class-alerts/detail?id=999999", undefined, 404);
  await expect(teacher, "GET", "/class-alerts/detail", undefined, 400);
  await expect(teacher, "DELETE", "/session", undefined, 204);
}

async function signingOut({ expect, newClient }, api) {
  const teacher = newClient();
  await teacher.signIn("teacher@demo-school.example", kPassword);
  const csrf = teacher.csrf;
  teacher.csrf = "";
  await expect(teacher, "DELETE", "/session", undefined, 403);
  teacher.csrf = csrf;
  await expect(teacher, "DELETE", "/session", undefined, 204);
  await expect(api, "DELETE", "/session", undefined, 204);
  await expect(api, "GET", "/session", undefined, 401);
}

export async function scenario(context) {
  const api = await signingIn(context);
  await activity(context, api);
  await alerts(context, api);
  await people(context, api);
  await records(context, api);
  await devices(context, api);
  await restrictions(context, api);
  await settings(context, api);
  await mail(context, api);
  await selftest(context, api);
  await reports(context, api);
  await policy(context, api);
  await lists(context, api);
  await signingOut(context, api);
}
