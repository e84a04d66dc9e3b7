// Checks a running esafety console against docs/api/openapi.yaml:
//
//   node tests/api/check_api.mjs --console http://127.0.0.1:8080 --source .
//
// 1. The schema is strict: every object in an answer says
//    additionalProperties: false and lists what it requires, so a field the
//    schema does not declare, or a missing one, fails the check below.
// 2. The routes are the same set: what the schema lists, the server answers,
//    and every route the server answers under /api/v1 is in the schema
//    (lib/routes.mjs asks the server itself).
// 3. Every route the schema lists is called, signed in as the demo IT
//    technician (who holds every permission the routes need): each GET, and
//    each change with a valid body and with the usual mistakes. Every answer
//    must have a status the schema lists for its route and a body that
//    matches that status's schema (Ajv, JSON Schema 2020-12, strict).
// 4. Every route got at least one success, and every field the checked
//    schemas require was carried by at least one answer, so no list was
//    only ever empty and no object only ever null.
//
// Run on a throwaway data folder: it changes the school (imports pupils,
// adds a device, a list, policy entries). tests/integration/api_schema_test.sh
// starts esafety with the demo school and runs it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ApiClient, postFormFrom } from "./lib/client.mjs";
import { Contract } from "./lib/contract.mjs";
import { compareRoutes } from "./lib/routes.mjs";
import { scenario } from "./scenario.mjs";

const { values: args } = parseArgs({
  options: { console: { type: "string" }, source: { type: "string" } },
});
if (!args.console || !args.source) {
  console.error("usage: check_api.mjs --console <http://host:port> --source <source dir>");
  process.exit(2);
}

const contract = await Contract.load(join(args.source, "docs/api/openapi.yaml"));
const problems = [];
const succeeded = new Set();  // "get /people"
let calls = 0;

// One call whose status the scenario knows; its answer is checked against
// the schema (problems are collected, so one run lists every disagreement).
async function expect(client, method, path, body, status) {
  const r = await client.call(method, path, body);
  calls += 1;
  const route = path.split("?")[0];
  const m = method.toLowerCase();
  if (r.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  }
  // A change meant to succeed must send what the schema documents.
  const requestSchema = contract.requestSchema(route, m);
  if (body !== undefined && requestSchema && status < 300) {
    for (const e of contract.validate(requestSchema, body)) {
      problems.push(`${method} ${path}: the test sent a body the schema does not describe: ${e}`);
    }
  }
  problems.push(...contract.check(route, m, r.status, r.contentType, r.body));
  if (r.status < 300) succeeded.add(`${m} ${route}`);
  return r.body;
}

// A server-sent event stream: its head and first bytes are checked, then it
// is closed (it would never end). Returns the first bytes.
async function expectStream(client, path, status) {
  const r = await client.open(path);
  calls += 1;
  const route = path.split("?")[0];
  if (r.status !== status) {
    throw new Error(`GET ${path}: expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  }
  problems.push(...contract.check(route, "get", r.status, r.contentType, r.status < 300 ? undefined : r.body));
  if (r.status < 300) succeeded.add(`get ${route}`);
  return r.text;
}

const strictness = contract.strictnessProblems();
problems.push(...strictness);

const routes = await compareRoutes(args.console, contract, join(args.source, "src"));
problems.push(...routes.problems);

try {
  await scenario({
    expect,
    expectStream,
    newClient: () => new ApiClient(args.console),
    consoleUrl: args.console,
    postFormFrom,
    fixture: (name) => readFile(join(args.source, "tests/data", name)),
    permissionsNeeded: [...new Set(contract.operations().map((o) => o.operation["x-permission"]).filter(Boolean))],
  });
} catch (e) {
  problems.push(`the calls stopped: ${e.stack ?? e}`);
}

for (const { path, method } of contract.operations()) {
  if (!succeeded.has(`${method} ${path}`)) problems.push(`${method.toUpperCase()} ${path}: never answered with success`);
}
for (const field of contract.uncovered()) problems.push(`${field}: required, but no answer carried it (always an empty list or null?)`);

console.log(`api schema: ${contract.operations().length} routes in the schema; ${routes.asked} route probes ` +
  `(${routes.paths} paths, ${routes.fromSources} named in src/); ${calls} calls checked; ` +
  `${contract.seen.size} schema fields seen`);
if (problems.length > 0) {
  const counts = new Map();
  for (const p of problems) counts.set(p, (counts.get(p) ?? 0) + 1);
  console.error(`${counts.size} problems:`);
  for (const [p, n] of counts) console.error(`  - ${p}${n > 1 ? ` (${n} times)` : ""}`);
  process.exit(1);
}
console.log("api schema: the server and docs/api/openapi.yaml agree");
