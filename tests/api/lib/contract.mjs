// docs/api/openapi.yaml as a contract: the response schema for a route,
// method and status; Ajv (JSON Schema 2020-12, strict, with ajv-formats) to
// check a body against it; and which required fields the checked answers
// never carried (an empty list or a null proves nothing about its items).
//
//   const contract = await Contract.load("docs/api/openapi.yaml");
//   const problems = contract.check("/people", "get", 200, "application/json", body);
//   contract.uncovered();           // ["Device.checkout.pupil", ...]
//   contract.strictnessProblems();  // objects that would let unknown fields through
import { readFile } from "node:fs/promises";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

// The OpenAPI document's own keys, and "example", are not JSON Schema
// keywords: Ajv's strict mode would refuse them.
const kNotSchemaKeywords = ["openapi", "info", "servers", "components", "paths", "example"];
export const kMethods = ["get", "put", "post", "delete", "patch"];

const escapePointer = (s) => s.replaceAll("~", "~0").replaceAll("/", "~1");

export class Contract {
  static async load(file) {
    return new Contract(parse(await readFile(file, "utf8")));
  }

  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(this.ajv);
    for (const k of kNotSchemaKeywords) this.ajv.addKeyword(k);
    this.ajv.addSchema(doc, "api");
    this.received = new Set();  // schema locations of the answers checked
    this.seen = new Set();      // field locations some answer carried
  }

  // [{path, method, operation}] for every route the schema lists.
  operations() {
    const out = [];
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const method of kMethods) {
        if (item[method]) out.push({ path, method, operation: item[method] });
      }
    }
    return out;
  }

  operation(path, method) {
    return this.doc.paths[path]?.[method];
  }

  // Follows a local "$ref" ("#/components/...") to [object, its pointer].
  resolve(node, pointer) {
    while (node && node.$ref) {
      pointer = node.$ref;
      node = pointer.slice(2).split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce((at, key) => at?.[key], this.doc);
    }
    return [node, pointer];
  }

  // The documented answer for a status: {schemaPointer, contentType} or null
  // when it has no body, or an error string when the status is not listed.
  response(path, method, status) {
    const op = this.operation(path, method);
    if (!op) return `${method.toUpperCase()} ${path} is not in the schema`;
    const raw = op.responses[String(status)];
    if (!raw) return `${method.toUpperCase()} ${path} answered ${status}, which the schema does not list`;
    const [resp, at] = this.resolve(raw, `#/paths/${escapePointer(path)}/${method}/responses/${status}`);
    const types = Object.keys(resp.content ?? {});
    if (types.length === 0) return null;
    const contentType = types[0];
    if (!resp.content[contentType].schema) return `${method.toUpperCase()} ${path} ${status}: the schema gives no schema for its ${contentType} body`;
    return { contentType, schemaPointer: `${at}/content/${escapePointer(contentType)}/schema` };
  }

  // Where the JSON request body's schema is, or null.
  requestSchema(path, method) {
    const op = this.operation(path, method);
    if (!op?.requestBody) return null;
    const [body, at] = this.resolve(op.requestBody, `#/paths/${escapePointer(path)}/${method}/requestBody`);
    return body.content?.["application/json"] ? `${at}/content/application~1json/schema` : null;
  }

  // Problems (strings) with an answer; none when it matches the schema.
  check(path, method, status, contentType, body) {
    const what = `${method.toUpperCase()} ${path} ${status}`;
    const expected = this.response(path, method, status);
    if (typeof expected === "string") return [expected];
    if (expected === null) {
      return body === "" || body === undefined ? [] : [`${what}: the schema says no body, but it has one: ${JSON.stringify(body).slice(0, 200)}`];
    }
    if (!contentType.startsWith(expected.contentType)) {
      return [`${what}: Content-Type ${contentType}, the schema says ${expected.contentType}`];
    }
    if (expected.contentType !== "application/json") return [];
    const errors = this.validate(expected.schemaPointer, body);
    if (errors.length === 0) this.cover(expected.schemaPointer, body);
    return errors.map((e) => `${what}: ${e}`);
  }

  validate(schemaPointer, value) {
    const validator = this.ajv.getSchema(`api${schemaPointer}`);
    if (validator(value)) return [];
    return validator.errors.map((e) => {
      const extra = e.keyword === "additionalProperties" ? ` '${e.params.additionalProperty}'` : "";
      // "/people/17/class" -> "/people/*/class", so one mistake in a list is one line.
      const where = e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "(the body)";
      return `${where} ${e.message}${extra} [${e.schemaPath}]`;
    });
  }

  // Coverage: the fields the received answers' schemas require, by schema
  // location, and the ones some answer carried. Walks the schema and the
  // body together, through $ref (so a shared schema such as ListJob counts
  // every route's answers), array items and the branches a body matches.
  cover(schemaPointer, value) {
    this.received.add(schemaPointer);
    this.walkValue(schemaPointer, value);
  }

  walkValue(pointer, value) {
    const [node, at] = this.resolve({ $ref: pointer }, pointer);
    if (!node || typeof node !== "object") return;
    for (const key of ["oneOf", "anyOf", "allOf"]) {
      (node[key] ?? []).forEach((_, i) => {
        const branch = `${at}/${key}/${i}`;
        if (key === "allOf" || this.ajv.getSchema(`api${branch}`)(value)) this.walkValue(branch, value);
      });
    }
    if (Array.isArray(value) && node.items) value.forEach((item) => this.walkValue(`${at}/items`, item));
    if (value && typeof value === "object" && !Array.isArray(value) && node.properties) {
      for (const [key, v] of Object.entries(value)) {
        if (!(key in node.properties)) continue;
        const field = `${at}/properties/${escapePointer(key)}`;
        this.seen.add(field);
        this.walkValue(field, v);
      }
    }
  }

  requiredFields(pointer, out = new Set(), visited = new Set()) {
    const [node, at] = this.resolve({ $ref: pointer }, pointer);
    if (!node || typeof node !== "object" || visited.has(at)) return out;
    visited.add(at);
    for (const key of ["oneOf", "anyOf", "allOf"]) {
      (node[key] ?? []).forEach((_, i) => this.requiredFields(`${at}/${key}/${i}`, out, visited));
    }
    if (node.items) this.requiredFields(`${at}/items`, out, visited);
    for (const name of Object.keys(node.properties ?? {})) {
      const field = `${at}/properties/${escapePointer(name)}`;
      if (node.required?.includes(name)) out.add(field);
      this.requiredFields(field, out, visited);
    }
    return out;
  }

  // Required fields no answer ever carried ("ListProblem.file"): a list
  // that was always empty, or an object that was always null.
  uncovered() {
    const required = new Set();
    for (const pointer of this.received) this.requiredFields(pointer, required);
    return [...required].filter((f) => !this.seen.has(f)).map((f) =>
      f.replace("#/components/schemas/", "").replace(/\/(oneOf|anyOf|allOf)\/\d+/g, "")
        .replaceAll("/properties/", ".").replaceAll("/items", "[]")
        .replaceAll("~1", "/").replaceAll("~0", "~"));
  }

  // Objects in a response that do not say additionalProperties: false, so a
  // field the schema never mentions would pass unseen.
  strictnessProblems() {
    const problems = [];
    const walk = (node, at) => {
      if (!node || typeof node !== "object" || node.$ref) return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (node.properties && node.additionalProperties !== false) {
        problems.push(`${at}: an object without additionalProperties: false`);
      }
      if (node.properties && !node.required) problems.push(`${at}: an object with no required list`);
      for (const [key, value] of Object.entries(node)) {
        if (key !== "properties") walk(value, `${at}/${key}`);
      }
      for (const [name, value] of Object.entries(node.properties ?? {})) walk(value, `${at}/properties/${name}`);
    };
    walk(this.doc.components.schemas, "#/components/schemas");
    walk(this.doc.components.responses, "#/components/responses");
    for (const { path, method, operation } of this.operations()) {
      walk(operation.responses, `#/paths/${path}/${method}/responses`);
    }
    return problems;
  }
}
