/**
 * Run by `deno run -A tests/sinks/deno-sqlite-smoke.ts <db path>` from sqlite-deno.test.ts: writes a few pages
 * through createSqliteSink on Deno's node:sqlite path and prints one JSON line of counts read back.
 */
import { runtime } from "../../src/runtime/mod.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { companySegmentsStream, contactsStream } from "./fixtures.ts";

const path = runtime.args()[0];
if (path === undefined) throw new Error("usage: deno-sqlite-smoke.ts <db path>");

const sink = createSqliteSink(path, { clock: () => 1_700_000_000_000 });
await sink.open([contactsStream, companySegmentsStream]);
for (let page = 0; page < 3; page++) {
  const records = Array.from({ length: 100 }, (_, i) => ({
    id: `c${page * 100 + i}`,
    updated_at: 1_700_000_000 + i,
    has_hard_bounced: i % 2 === 0,
    location: { city: "Dublin" },
  }));
  await sink.write("contacts", records);
}
await sink.write("contacts", [{ id: "c0", updated_at: 1, has_hard_bounced: true }]); // upsert, not a new row
await sink.write("company_segments", [
  { company_id: "co1", id: "s1" },
  { company_id: "co2", id: "s1" },
]);
let pageError = "";
try {
  await sink.write("contacts", [{ id: "c999", updated_at: 1 }, { updated_at: 2 }]);
} catch (error) {
  pageError = (error as Error).name;
}
await sink.finish?.({
  startedAt: 1,
  endedAt: 2,
  streams: [{ name: "contacts", records: 301, outcome: "ok" }],
  outcome: "ok",
  toolVersion: "smoke",
});
await sink.close();

const db = await runtime.openSqlite(path);
// The WAL checkpoint thread (an inline worker module importing node:sqlite): copies a fresh WAL whole.
db.exec("PRAGMA wal_autocheckpoint = 0");
db.exec("CREATE TABLE filler (x)");
db.exec("INSERT INTO filler VALUES (randomblob(200000))");
const thread = await runtime.startWalCheckpointThread(path);
const checkpoint = await thread.checkpoint();
await thread.close();
const count = (sql: string) => Number(db.prepare(sql).get()?.n);
console.log(
  JSON.stringify({
    runtime: runtime.name,
    contacts: count("SELECT count(*) AS n FROM contacts"),
    companySegments: count("SELECT count(*) AS n FROM company_segments"),
    bouncedTrue: count("SELECT count(*) AS n FROM contacts WHERE has_hard_bounced = 1"),
    c0UpdatedAt: count("SELECT updated_at AS n FROM contacts WHERE id = 'c0'"),
    cities: count("SELECT count(*) AS n FROM contacts WHERE json_extract(data, '$.location.city') = 'Dublin'"),
    syncRuns: count("SELECT count(*) AS n FROM _sync_runs"),
    integrity: db.prepare("PRAGMA integrity_check").get()?.integrity_check,
    pageError,
    checkpointThread: checkpoint.log > 0 && checkpoint.checkpointed === checkpoint.log && !checkpoint.busy,
  }),
);
db.close();
