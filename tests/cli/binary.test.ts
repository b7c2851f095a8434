/**
 * The compiled binary (dist/intercom-sync) against the fake Intercom: --help, check, a small sync into SQLite,
 * and the promise that stdout carries only records while progress and logs go to stderr.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createFakeIntercom, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { BUN, ROOT } from "../helpers/paths.ts";
import { type CliResult, runProcess } from "../helpers/run-cli.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const BINARY = join(ROOT, "dist", process.platform === "win32" ? "intercom-sync.exe" : "intercom-sync");

function runBinary(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runProcess(BINARY, args, { cwd: work, env });
}

/** scripts/build.ts rebuilds only when the sources changed since the binary was built (it hashes them). */
function ensureBinary(): void {
  const build = spawnSync(BUN, ["scripts/build.ts"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`scripts/build.ts failed:\n${build.stdout}${build.stderr}`);
}

// At load time rather than in a hook, so no hook timeout can cut a build on a slow machine short.
ensureBinary();

let fake: RunningFakeIntercom;
let temp: TempDir;
let work: string;

beforeAll(async () => {
  temp = tempDir();
  work = temp.dir;
  fake = await startFakeIntercom({});
});

afterAll(async () => {
  await fake.close();
  temp.remove();
});

describe("the compiled binary", () => {
  test("--help exits 0 and lists every command", async () => {
    const run = await runBinary(["--help"]);
    expect(run.exitCode).toBe(0);
    for (const command of ["sync", "demo", "check", "streams", "state"]) expect(run.stdout).toContain(`intercom-sync ${command}`);
  });

  test("check against the fake prints the table and exits 0", async () => {
    const run = await runBinary(["check", "--base-url", fake.url, "--streams", "admins,tags,contacts,conversation_parts"], {
      INTERCOM_ACCESS_TOKEN: "test-token",
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^admins\s+Read admins\s+ok$/m);
    expect(run.stdout).toMatch(/^conversation_parts\s+Read conversations\s+ok$/m);
  });

  test("a small sync writes every record of admins, tags and contacts into SQLite, and the state file", async () => {
    const sqlite = join(work, "small.sqlite");
    const state = join(work, "small.state.json");
    const run = await runBinary(
      ["--base-url", fake.url, "--streams", "admins,tags,contacts", "--sqlite", sqlite, "--state", state],
      { INTERCOM_ACCESS_TOKEN: "test-token" },
    );
    expect(run.stderr).not.toContain("error");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    const db = await runtime.openSqlite(sqlite);
    try {
      for (const stream of ["admins", "tags", "contacts"] as const) {
        const expected = [...fake.workspace.records(stream)].length;
        expect(expected).toBeGreaterThan(0);
        expect(db.prepare(`SELECT count(*) AS n FROM ${stream}`).get()?.n).toBe(expected);
      }
    } finally {
      db.close();
    }
    expect(await runtime.fileExists(state)).toBe(true);
  });

  test("--parquet writes one Parquet file per stream that DuckDB reads, typed (the writer is bundled, pure JS)", async () => {
    const dir = join(work, "parquet");
    const run = await runBinary(
      ["--base-url", fake.url, "--streams", "admins,tags,contacts", "--parquet", dir, "--state", join(work, "parquet.state.json")],
      { INTERCOM_ACCESS_TOKEN: "test-token" },
    );
    expect(run.stderr).not.toContain("error");
    expect(run.exitCode).toBe(0);
    for (const stream of ["admins", "tags", "contacts"] as const) {
      const [count] = await duckdbQuery(`SELECT count(*) AS n FROM ${duckdbString(join(dir, `${stream}.parquet`))}`);
      expect({ stream, rows: Number(count!.n) }).toEqual({ stream, rows: [...fake.workspace.records(stream)].length });
    }
    const [contact] = await duckdbQuery(
      `SELECT typeof(updated_at) AS ts, typeof(has_hard_bounced) AS bool, typeof(owner_id) AS int FROM ${
        duckdbString(join(dir, "contacts.parquet"))
      } LIMIT 1`,
    );
    expect(contact).toEqual({ ts: "TIMESTAMP WITH TIME ZONE", bool: "BOOLEAN", int: "BIGINT" });
  });
});

describe("stdout carries records only", () => {
  test("JSON lines on stdout are {stream, data} objects only, and with --log-format json every stderr line is JSON, progress included", async () => {
    // Slow answers make the run outlast the 5 s progress interval used outside a terminal.
    const slow = await startFakeIntercom({ faults: { latencyMs: 1_300 } });
    try {
      const run = await runBinary(
        ["--base-url", slow.url, "--streams", "admins,tags,contacts", "--state", join(work, "jsonl.state.json"), "--log-format", "json", "--verbose"],
        { INTERCOM_ACCESS_TOKEN: "test-token" },
      );
      expect(run.exitCode).toBe(0);
      const lines = run.stdout.split("\n");
      expect(lines.pop()).toBe("");
      const counts: Record<string, number> = {};
      for (const line of lines) {
        const object = JSON.parse(line) as Record<string, unknown>;
        expect(Object.keys(object)).toEqual(["stream", "data"]);
        expect(typeof object.data).toBe("object");
        counts[object.stream as string] = (counts[object.stream as string] ?? 0) + 1;
      }
      expect(counts).toEqual({
        admins: [...slow.workspace.records("admins")].length,
        tags: [...slow.workspace.records("tags")].length,
        contacts: [...slow.workspace.records("contacts")].length,
      });
      const logLines = run.stderr.split("\n").filter((line) => line !== "");
      const events = logLines.map((line) => JSON.parse(line) as { level?: string; event?: string });
      for (const event of events) expect(typeof event.level).toBe("string");
      expect(events.some((event) => event.event === "progress")).toBe(true);
      expect(events.some((event) => event.event === "summary")).toBe(true);
    } finally {
      await slow.close();
    }
  }, 30_000);
});

describe("a private certificate authority", () => {
  test("the binary refuses an unknown certificate with exit 2, and trusts it through NODE_EXTRA_CA_CERTS", async () => {
    const cert = join(ROOT, "tests/fixtures/tls/self-signed.cert.pem");
    const key = join(ROOT, "tests/fixtures/tls/self-signed.key.pem");
    const handler = createFakeIntercom({}).handler;
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", tls: { cert: Bun.file(cert), key: Bun.file(key) }, fetch: handler });
    try {
      const args = ["--base-url", `https://127.0.0.1:${server.port}`, "--streams", "admins", "--state", join(work, "tls.state.json"), "--quiet"];
      const refused = await runBinary(args, { INTERCOM_ACCESS_TOKEN: "test-token" });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain("NODE_EXTRA_CA_CERTS");
      const trusted = await runBinary(args, { INTERCOM_ACCESS_TOKEN: "test-token", NODE_EXTRA_CA_CERTS: cert });
      expect(trusted.stderr).toBe("");
      expect(trusted.exitCode).toBe(0);
    } finally {
      server.stop(true);
    }
  }, 30_000);
});
