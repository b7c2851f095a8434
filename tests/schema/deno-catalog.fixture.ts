// Run by deno-catalog.test.ts under Deno: the schemas must load from static JSON imports, no file reads.
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";

const check = createRecordValidator(STREAM_SCHEMAS.contacts!);
console.log(JSON.stringify({ streams: Object.keys(STREAM_SCHEMAS).length, mismatches: check({ id: "c1", updated_at: "x" }) }));
