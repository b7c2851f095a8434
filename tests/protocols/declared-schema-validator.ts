/**
 * A standard JSON Schema validator (Ajv, draft-07, formats checked by ajv-formats) for the schemas the Airbyte and
 * Singer protocols declare: what a validating target does with our SCHEMA / CATALOG messages.
 * @example
 * const problems = schemaProblems(schema, records); // ["tags.url: must match format \"uri\" (3 records)"]
 */
import Ajv, { type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { JsonSchema } from "../../src/schema/json-schema.ts";

function createAjv(): Ajv {
  // Strict: an unknown keyword or format fails loudly instead of being skipped silently.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
  addFormats(ajv);
  // Our annotations, and the unix-seconds format the schemas give Intercom's integer timestamps: draft-07 lets a
  // validator ignore a format it does not know (Python's jsonschema, which Airbyte and Singer targets use, does);
  // Ajv's strict mode wants it declared, and checking it is stricter than ignoring it.
  ajv.addKeyword("x-primary-key");
  ajv.addKeyword("x-cursor-field");
  ajv.addFormat("unix-time", { type: "number", validate: (value: number) => Number.isInteger(value) && value >= 0 });
  return ajv;
}

const ajv = createAjv();

/** Each way `records` break `schema`, as "path: message (N records)", or [] when every record is valid. */
export function schemaProblems(schema: JsonSchema, records: readonly unknown[]): string[] {
  const validate = ajv.compile(schema as object);
  const counts = new Map<string, number>();
  for (const record of records) {
    if (validate(record)) continue;
    const seen = new Set((validate.errors ?? []).map(describe));
    for (const problem of seen) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  }
  return [...counts].map(([problem, count]) => `${problem} (${count} record${count === 1 ? "" : "s"})`);
}

/** `/tags/data/0/url` → `tags.data[].url`, so one problem in many records is counted once. */
function describe(error: ErrorObject): string {
  const path = error.instancePath.replace(/\/\d+(?=\/|$)/g, "[]").replace(/^\//, "").replaceAll("/", ".");
  return `${path || "(record)"}: ${error.message ?? error.keyword}`;
}
