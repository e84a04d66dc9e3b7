// Whether the server's routes and the schema's are the same set, asked of
// the running server itself. The console's router answers 404 for a path it
// does not have, 405 for a path it has with another method, and 401 before
// any handler runs for a route that needs a session; so requests without a
// session and without a body find every route and change nothing.
//
// The paths to ask about are the schema's, plus every "/api/v1/..." string
// in the server's sources (src/**/*.cc and *.h, tests left out), wherever
// and however a route is registered.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { kMethods } from "./contract.mjs";

export async function pathsInSources(srcDir) {
  const found = new Map();  // path -> first file naming it
  const entries = await readdir(srcDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(cc|h)$/.test(entry.name) || /_test\.cc$|test_support/.test(entry.name)) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const text = await readFile(file, "utf8");
    for (const m of text.matchAll(/"\/api\/v1(\/[^"?\s]*)"/g)) {
      if (!found.has(m[1])) found.set(m[1], file);
    }
  }
  return found;
}

// Status of an anonymous, bodiless request.
async function probe(base, method, path) {
  const r = await fetch(`${base}/api/v1${path}`, { method: method.toUpperCase(), redirect: "manual" });
  await r.arrayBuffer();
  return r.status;
}

// Problems (strings): routes the schema lists that the server lacks, and
// routes the server has that the schema does not list.
export async function compareRoutes(base, contract, srcDir) {
  const problems = [];
  const schemaPaths = Object.keys(contract.doc.paths);
  const sources = await pathsInSources(srcDir);
  const candidates = new Set([...schemaPaths, ...sources.keys()]);
  let asked = 0;
  for (const path of candidates) {
    const listed = contract.doc.paths[path];
    const unlisted = [];  // "POST 401": methods the server answers that the schema does not list
    for (const method of kMethods) {
      const status = await probe(base, method, path);
      asked += 1;
      const M = method.toUpperCase();
      if (listed?.[method]) {
        if (status === 404 || status === 405) {
          problems.push(`the schema lists ${M} /api/v1${path}, but the server answers ${status}`);
        }
      } else if (status !== 404 && (!listed || status !== 405)) {
        unlisted.push(`${M} ${status}`);
      }
    }
    if (unlisted.length > 0) {
      const where = sources.has(path) ? `; named in ${relative(srcDir, sources.get(path))}` : "";
      problems.push(`the server answers /api/v1${path} (${unlisted.join(", ")}${where}), ` +
        `but the schema does not list ${listed ? "those methods" : "the path"}`);
    }
  }
  // The router's 404 is what makes the rest mean anything.
  const nowhere = await probe(base, "get", "/no-such-route-here");
  if (nowhere !== 404) problems.push(`an unknown path answers ${nowhere}, not 404: the route check cannot tell`);
  return { problems, asked, fromSources: sources.size, paths: candidates.size };
}
