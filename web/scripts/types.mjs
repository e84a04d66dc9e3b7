// Generates src/generated/openapi.ts, the console's types for the JSON API,
// from docs/api/openapi.yaml with openapi-typescript. Run before tsc and
// vite build (npm run check / build / test, and the CMake step that embeds
// the console). The file is build output: git-ignored, never edited by hand;
// src/types.ts gives its schemas the names the pages use.
//
// Writes only when the text changes (so a build that depends on it is not
// redone for nothing), through a temporary file and a rename (so a tsc
// running at the same moment never reads half a file).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const schema = new URL("../../docs/api/openapi.yaml", import.meta.url);
const out = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));

const ast = await openapiTS(schema, { alphabetize: false });
const text = `// Generated from docs/api/openapi.yaml by web/scripts/types.mjs (openapi-typescript).
// Do not edit: change the schema, and src/types.ts for the names the pages use.
${astToString(ast)}`;
const old = await readFile(out, "utf8").catch(() => "");
if (text !== old) {
  await mkdir(fileURLToPath(new URL("../src/generated/", import.meta.url)), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, out);
}
