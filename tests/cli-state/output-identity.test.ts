/**
 * The `--output` file a state describes is that file: its absolute path and the bytes the state recorded. Another
 * file (another directory's of the same name, one edited or converted since, one another program appended to)
 * is refused with exit 2 and the fix, and left as it was; a state that is itself an output, a repair that the
 * state would not record, and another workspace's state under --full-refresh are refused before anything is
 * written; a refused run leaves no file behind; and --new-output starts a new file from the saved cursors.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { appendFile, mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { fakeKeys, jsonlKeys, pastNow, readState, syncArgs } from "../helpers/cli-sync.ts";
import { type CliResult, runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const SIZES = { contacts: 60, conversations: 4, companies: 6, tickets: 6, activityLogs: 10, maxParts: 2 };
const STREAMS = ["--streams", "admins,tags,contacts"];

let fake: RunningFakeIntercom;
/** Another workspace: another app id. */
let other: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 51, now: pastNow(), sizes: SIZES, appId: "wsmain" });
  other = await startFakeIntercom({ seed: 52, now: pastNow(), sizes: SIZES, appId: "wsother" });
});
afterAll(async () => {
  await fake.close();
  await other.close();
});

interface OutputRecord {
  path: string;
  length: number;
  tail?: string;
}

async function recordedOutput(statePath: string): Promise<OutputRecord | undefined> {
  return ((await readState(statePath)) as { output?: OutputRecord }).output;
}

function expectRefused(run: CliResult, ...mentions: string[]): void {
  expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 2, stdout: "" });
  for (const mention of mentions) expect(run.stderr).toContain(mention);
}

/** The bytes of every file in `dir`, by name. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  const files: Record<string, string> = {};
  for (const name of names) {
    if ((await stat(join(dir, name))).isFile()) files[name] = (await readFile(join(dir, name))).toString("base64");
  }
  return files;
}

describe("the output file's path", () => {
  test("is resolved: ./out.jsonl is out.jsonl, and another directory's out.jsonl is another file, refused untouched", async () => {
    await withTempDir(async (dir) => {
      const args = (output: string, state = "state.json") => syncArgs(fake.url, state, ["--output", output, ...STREAMS]);
      const first = await runCli(args("out.jsonl"), { cwd: dir });
      expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect((await recordedOutput(join(dir, "state.json")))?.path).toBe(join(dir, "out.jsonl"));

      const dotted = await runCli(args("./out.jsonl"), { cwd: dir });
      expect({ exitCode: dotted.exitCode, stderr: dotted.stderr }).toEqual({ exitCode: 0, stderr: "" });

      await mkdir(join(dir, "sub"));
      const unrelated = `${"x".repeat(5000)}\nnot intercom-sync's\n`;
      await writeFile(join(dir, "sub", "out.jsonl"), unrelated);
      const stateBefore = await readFile(join(dir, "state.json"), "utf8");
      const elsewhere = await runCli(args("out.jsonl", "../state.json"), { cwd: join(dir, "sub") });
      expectRefused(elsewhere, join(dir, "out.jsonl"), join(dir, "sub", "out.jsonl"), "--new-output");
      expect(await readFile(join(dir, "sub", "out.jsonl"), "utf8")).toBe(unrelated);
      expect(await readFile(join(dir, "state.json"), "utf8")).toBe(stateBefore);
    });
  });

  test("the same file moved (or restored from a cache) into another directory is continued there, with a warning", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      expect((await runCli(syncArgs(fake.url, state, ["--output", join(dir, "out.jsonl"), ...STREAMS]))).exitCode).toBe(0);
      await mkdir(join(dir, "moved"));
      await rename(join(dir, "out.jsonl"), join(dir, "moved", "out.jsonl"));
      const args = syncArgs(fake.url, "../state.json", ["--output", "out.jsonl", ...STREAMS]).filter((arg) => arg !== "--quiet");
      const run = await runCli(args, { cwd: join(dir, "moved") });
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain(`warning: the state file ../state.json recorded the output file ${join(dir, "out.jsonl")}`);
      const text = await readFile(join(dir, "moved", "out.jsonl"), "utf8");
      expect(jsonlKeys([text], ["contacts"]).contacts).toEqual(fakeKeys(fake, ["contacts"]).contacts);
      expect(await recordedOutput(state)).toMatchObject({ path: join(dir, "moved", "out.jsonl"), length: Buffer.byteLength(text) });
    });
  });

  test("a state written before the file's identity was recorded ({path, length}) keeps working and gets it", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const args = ["--output", "out.jsonl", ...STREAMS];
      expect((await runCli(syncArgs(fake.url, "state.json", args), { cwd: dir })).exitCode).toBe(0);
      const saved = JSON.parse(await readFile(state, "utf8")) as { output: OutputRecord };
      const legacy = { ...saved, output: { path: "out.jsonl", length: saved.output.length } };
      await writeFile(state, JSON.stringify(legacy));

      // Run from another directory: the relative path names another file, which does not hold the state's lines.
      await mkdir(join(dir, "sub"));
      await writeFile(join(dir, "sub", "out.jsonl"), `${"y".repeat(saved.output.length + 100)}\n`);
      const elsewhere = await runCli(syncArgs(fake.url, "../state.json", args), { cwd: join(dir, "sub") });
      expectRefused(elsewhere, join(dir, "sub", "out.jsonl"));
      expect(JSON.parse(await readFile(state, "utf8"))).toEqual(legacy);

      const run = await runCli(syncArgs(fake.url, "state.json", args), { cwd: dir });
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const migrated = await recordedOutput(state);
      expect(migrated?.path).toBe(join(dir, "out.jsonl"));
      expect(migrated?.tail).toMatch(/^[0-9a-f]{64}$/);
      expect(migrated?.length).toBe((await stat(join(dir, "out.jsonl"))).size);
    });
  });
});

describe("the output file's content", () => {
  for (
    const [name, tamper] of [
      ["a line duplicated", (text: string) => text.replace(/\n/, `\n${text.slice(0, text.indexOf("\n") + 1)}`)],
      ["CRLF line ends", (text: string) => text.replaceAll("\n", "\r\n")],
    ] as const
  ) {
    test(`a file edited since (${name}) that still holds the recorded length is refused, untouched`, async () => {
      await withTempDir(async (dir) => {
        const state = join(dir, "state.json");
        const out = join(dir, "out.jsonl");
        const args = syncArgs(fake.url, state, ["--output", out, ...STREAMS]);
        expect((await runCli(args)).exitCode).toBe(0);
        const edited = tamper(await readFile(out, "utf8"));
        await writeFile(out, edited);
        const stateBefore = await readFile(state, "utf8");
        const run = await runCli(args);
        expectRefused(run, out, "--new-output");
        expect(await readFile(out, "utf8")).toBe(edited);
        expect(await readFile(state, "utf8")).toBe(stateBefore);
      });
    });
  }

  test("verify of a file with a torn line in the middle exits 2 naming the fix", async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, join(dir, "state.json"), ["--output", out, ...STREAMS]))).exitCode).toBe(0);
      const text = await readFile(out, "utf8");
      await writeFile(out, `${text.slice(0, 30)}\n${text}`);
      const run = await runCli(["verify", "--base-url", fake.url, "--token", "test-token", "--output", out, "--quiet"]);
      expectRefused(run, `${out} line 1`, "--new-output", "--full-refresh");
    });
  });

  test("lines another program appended after a finished run are refused, not cut", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      const args = syncArgs(fake.url, state, ["--output", out, ...STREAMS]);
      expect((await runCli(args)).exitCode).toBe(0);
      const length = (await recordedOutput(state))!.length;
      await appendFile(out, '{"note":"added by hand"}\n');
      const appended = await readFile(out, "utf8");
      const run = await runCli(args);
      expectRefused(run, out, `truncate -s ${length}`);
      expect(await readFile(out, "utf8")).toBe(appended);
    });
  });
});

describe("refused before anything is written", () => {
  test("--state naming the --output or --sqlite file (however spelled) exits 2 and writes nothing", async () => {
    await withTempDir(async (dir) => {
      const output = await runCli(syncArgs(fake.url, "y.json", ["--output", "./y.json", ...STREAMS]), { cwd: dir });
      expectRefused(output, "--state", "--output");
      const sqlite = await runCli(syncArgs(fake.url, join(dir, "x.db"), ["--sqlite", "x.db", ...STREAMS]), { cwd: dir });
      expectRefused(sqlite, "--state", "--sqlite");
      expect(await readdir(dir)).toEqual([]);

      // An existing database is left byte for byte as it was.
      expect((await runCli(syncArgs(fake.url, "s.json", ["--sqlite", "x.db", ...STREAMS]), { cwd: dir })).exitCode).toBe(0);
      const before = await snapshot(dir);
      const again = await runCli(syncArgs(fake.url, "sub/../x.db", ["--sqlite", "x.db", ...STREAMS]), { cwd: dir });
      expectRefused(again, "--state");
      expect(await snapshot(dir)).toEqual(before);
    });
  });

  test("verify --repair --output F whose state file does not record F exits 2 naming --state, F unchanged", async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, "sync.json", ["--output", out, "--streams", "contacts"]), { cwd: dir })).exitCode).toBe(0);
      const before = await readFile(out, "utf8");
      const verify = ["verify", "--base-url", fake.url, "--token", "test-token", "--output", out, "--repair", "--quiet"];
      // The default state file (none here), then one of a stdout sync.
      expectRefused(await runCli(verify, { cwd: dir }), "--state", out);
      expect((await runCli(syncArgs(fake.url, "stdout.json", ["--streams", "admins"]), { cwd: dir })).exitCode).toBe(0);
      expectRefused(await runCli([...verify, "--state", "stdout.json"], { cwd: dir }), "--state");
      expect(await readFile(out, "utf8")).toBe(before);
      const names = (await readdir(dir)).sort();
      expect(names).toEqual(["out.jsonl", "stdout.json", "sync.json"]);
    });
  });

  test("--full-refresh with another workspace's state exits 2 naming both; its --output file and state stay", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, state, ["--output", out, ...STREAMS]))).exitCode).toBe(0);
      const before = await snapshot(dir);
      const intoFile = await runCli(syncArgs(other.url, state, ["--output", out, ...STREAMS, "--full-refresh"]));
      expectRefused(intoFile, "wsmain", "wsother", "state reset");
      expect(await snapshot(dir)).toEqual(before);

      // A stdout state of the old workspace: no deletions of its ids on stdout, nothing written.
      const stdoutState = join(dir, "stdout.json");
      expect((await runCli(syncArgs(fake.url, stdoutState, ["--streams", "admins,tags"]))).exitCode).toBe(0);
      const stdoutBefore = await readFile(stdoutState, "utf8");
      const toStdout = await runCli(syncArgs(other.url, stdoutState, ["--streams", "admins,tags", "--full-refresh"]));
      expectRefused(toStdout, "wsmain", "wsother");
      expect(await readFile(stdoutState, "utf8")).toBe(stdoutBefore);
    });
  });

  test("a run refused at its first request (wrong token) or for another workspace leaves no file behind", async () => {
    await withTempDir(async (dir) => {
      const wrong = (args: string[]) => args.map((arg) => (arg === "test-token" ? "wrong-token" : arg));
      const newOutput = await runCli(wrong(syncArgs(fake.url, join(dir, "s.json"), ["--output", join(dir, "new.jsonl"), ...STREAMS])));
      expect(newOutput.exitCode).toBe(3);
      const newDatabase = await runCli(wrong(syncArgs(fake.url, join(dir, "s.json"), ["--sqlite", join(dir, "new.db"), ...STREAMS])));
      expect(newDatabase.exitCode).toBe(3);
      expect(await readdir(dir)).toEqual([]);

      expect((await runCli(syncArgs(fake.url, join(dir, "s.json"), ["--streams", "admins"]))).exitCode).toBe(0);
      const before = await snapshot(dir);
      const otherWorkspace = await runCli(syncArgs(other.url, join(dir, "s.json"), ["--output", join(dir, "o.jsonl"), ...STREAMS]));
      expectRefused(otherWorkspace, "wsmain", "wsother");
      expect(await snapshot(dir)).toEqual(before);
    });
  });
});

describe("--new-output", () => {
  test("starts a new file from the saved cursors: only what changed (and the streams read whole) goes into it", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const first = join(dir, "2026-11.jsonl");
      const second = join(dir, "2026-12.jsonl");
      expect((await runCli(syncArgs(fake.url, state, ["--output", first, ...STREAMS]))).exitCode).toBe(0);
      const firstText = await readFile(first, "utf8");
      expect(jsonlKeys([firstText], ["contacts"]).contacts).toEqual(fakeKeys(fake, ["contacts"]).contacts);

      // Without --new-output another file is refused; with it, the state moves to the new file.
      expectRefused(await runCli(syncArgs(fake.url, state, ["--output", second, ...STREAMS])), "--new-output");
      const moved = await runCli(syncArgs(fake.url, state, ["--output", second, "--new-output", ...STREAMS]));
      expect({ exitCode: moved.exitCode, stderr: moved.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const secondText = await readFile(second, "utf8");
      const keys = jsonlKeys([secondText], ["admins", "tags", "contacts"]);
      expect(keys.contacts).toEqual([]);
      expect(keys.admins).toEqual(fakeKeys(fake, ["admins"]).admins);
      expect(await readFile(first, "utf8")).toBe(firstText);
      expect(await recordedOutput(state)).toMatchObject({ path: second, length: Buffer.byteLength(secondText) });

      // The next plain run continues the new file.
      const next = await runCli(syncArgs(fake.url, state, ["--output", second, ...STREAMS]));
      expect({ exitCode: next.exitCode, stderr: next.stderr }).toEqual({ exitCode: 0, stderr: "" });
    });
  });

  test("refuses the file the state already records while it holds lines, and needs --output; moved away, its path starts anew", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, state, ["--output", out, ...STREAMS]))).exitCode).toBe(0);
      const before = await snapshot(dir);
      expectRefused(await runCli(syncArgs(fake.url, state, ["--output", out, "--new-output", ...STREAMS])), out);
      expectRefused(await runCli(syncArgs(fake.url, state, ["--new-output", ...STREAMS])), "--output");
      expect(await snapshot(dir)).toEqual(before);

      // Moved away, its path starts the new file.
      await rename(out, `${out}.1`);
      const rotated = await runCli(syncArgs(fake.url, state, ["--output", out, "--new-output", ...STREAMS]));
      expect({ exitCode: rotated.exitCode, stderr: rotated.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(jsonlKeys([await readFile(out, "utf8")], ["contacts"]).contacts).toEqual([]);
      expect(await recordedOutput(state)).toMatchObject({ path: out, length: (await stat(out)).size });
    });
  });
});
