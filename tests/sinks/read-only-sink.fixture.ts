/**
 * Run by sqlite-errors.test.ts in a child process (as `nobody` under root, where file modes apply): open the
 * SQLite sink on argv[2] and write one record; print what came of it as JSON on stdout.
 */
import { SinkError } from "../../src/errors.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { contactsStream } from "./fixtures.ts";

const path = process.argv[2]!;
const sink = createSqliteSink(path);
let outcome: { error?: string; isSinkError?: boolean; message?: string } = {};
try {
  await sink.open([contactsStream]);
  await sink.write("contacts", [{ id: "c2", updated_at: 2 }]);
} catch (error) {
  outcome = { error: (error as Error).name, isSinkError: error instanceof SinkError, message: (error as Error).message };
}
await sink.close().catch(() => {});
console.log(JSON.stringify(outcome));
