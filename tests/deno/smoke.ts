/**
 * The same sources under Deno: the fake on Deno.serve, the CLI's sync into SQLite via node:sqlite, an
 * incremental second run from the state file. Run with `deno run --allow-all tests/deno/smoke.ts`
 * (npm run test:deno); it exits non-zero on any mismatch.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { expectedReportRows } from "../../src/fake/reports/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import type { FakeStreamName } from "../../src/fake/types.ts";

function check(condition: boolean, message: string): void {
  if (!condition) {
    console.error(`deno smoke: FAILED: ${message}`);
    runtime.exit(1);
  }
}

check(runtime.name === "deno", `expected the Deno runtime adapter, got ${runtime.name}`);
const dir = await mkdtemp(join(tmpdir(), "intercom-sync-deno-"));
const now = Math.floor(Date.now() / 1000) - 7200;
const fake = await startFakeIntercom({ seed: 3, now, sizes: { contacts: 300, conversations: 40, companies: 20, tickets: 30 } });
try {
  const db = join(dir, "out.sqlite");
  const state = join(dir, "state.json");
  const args = ["sync", "--base-url", fake.url, "--token", "test-token", "--sqlite", db, "--state", state, "--quiet", "--search-lag-minutes", "0"];
  check((await main(args)) === 0, "first sync did not exit 0");
  // Customer data is private: the database and the state file are created 0600 whatever the umask.
  for (const file of [db, state]) {
    const mode = (await stat(file)).mode & 0o777;
    check(mode === 0o600, `${file} has mode ${mode.toString(8)}, expected 600`);
  }
  const sqlite = await runtime.openSqlite(db);
  // No --streams: the default set (the opt-in streams cost a request per contact and are read only when named).
  for (const stream of DEFAULT_STREAMS) {
    const expected = [...fake.workspace.records(stream.name as FakeStreamName)].length;
    const row = sqlite.prepare(`SELECT count(*) AS n FROM "${stream.name}"`).get();
    check(Number(row?.n) === expected, `${stream.name}: ${row?.n} rows, expected ${expected}`);
  }
  // An update after the first run's bound (now, with no search lag), seen by the second run a second later.
  fake.workspace.now = Math.floor(Date.now() / 1000);
  const id = String([...fake.workspace.records("contacts")][0]!.id);
  fake.workspace.updateContact(id);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  check((await main(args)) === 0, "second (incremental) sync did not exit 0");
  const updated = sqlite.prepare(`SELECT updated_at FROM contacts WHERE id = ?`).get(id);
  check(Number(updated?.updated_at) === fake.workspace.now, "the updated contact was not upserted by the incremental run");
  sqlite.close();
  // A report stream under Deno: jobs, the gzip download (DecompressionStream), csv-parse, local times to UTC.
  const reportDb = join(dir, "reports.sqlite");
  const since = new Date((fake.workspace.now - 2 * 86_400) * 1000).toISOString();
  const reportArgs = [
    "sync",
    "--base-url",
    fake.url,
    "--token",
    "test-token",
    "--sqlite",
    reportDb,
    "--state",
    join(dir, "reports.json"),
    "--quiet",
    "--streams",
    "report_tickets",
    "--since",
    since,
    // Windows end at the run's bound, by default 5 minutes before now; the expectation below runs to now, so a
    // row of the last 5 minutes (seed 3 has one when the smoke runs at 01:50–01:54 UTC) was missed by the test.
    "--search-lag-minutes",
    "0",
  ];
  check((await main(reportArgs)) === 0, "the report_tickets sync did not exit 0");
  const reports = await runtime.openSqlite(reportDb);
  const held = reports.prepare(`SELECT count(*) AS n FROM report_tickets_live`).get();
  reports.close();
  // From the start of the day of --since: report windows are whole days.
  const dayOfSince = Math.floor((fake.workspace.now - 2 * 86_400) / 86_400) * 86_400;
  const expected = expectedReportRows(fake.workspace, "tickets", dayOfSince, fake.workspace.now + 1).length;
  check(Number(held?.n) === expected && expected > 0, `report_tickets: ${held?.n} rows, expected ${expected}`);
  console.log(`deno smoke: ok (${DEFAULT_STREAMS.length} streams and report_tickets under ${runtime.name})`);
} finally {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}
