/**
 * The run state knows no output kind: what an output that carries its own state holds, and the words its messages
 * use, come from the output's registry entry. An output the run state has never heard of (one made up here) works
 * by giving its `CarriedState`; the snapshot directories are named as directories with their own flags.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { OUTPUTS } from "../../src/outputs/registry.ts";
import type { CarriedContents, CarriedState } from "../../src/state/carried-state.ts";
import { openRunState } from "../../src/state/run-state.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const BASE_URL = "https://api.intercom.io";

/** A made-up output kind ("a notes folder") that carries its own state. */
function notesFolder(contents: CarriedContents): CarriedState {
  return { noun: "folder", path: "notes/", flag: "--notes", freshOne: "--notes folder", read: async () => contents };
}

const carriedState = (appId: string, cursor: number) => ({
  kind: "stateful" as const,
  state: { version: 1, workspace: { baseUrl: BASE_URL, appId }, streams: { admins: { cursor } } },
});

describe("an output kind the run state has never heard of", () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await tempDir();
  });
  afterAll(() => temp.remove());

  const open = (contents: CarriedContents, warnings: string[], statePath?: string) =>
    openRunState(
      {
        baseUrl: BASE_URL,
        fullRefresh: false,
        streams: ["admins"],
        ...(statePath ? { statePath } : {}),
        output: { target: "--notes notes/", carried: notesFolder(contents) },
      },
      { warn: (line) => warnings.push(line) },
    );

  test("its own state is the one the run continues from, over a state file that claims more", async () => {
    const statePath = temp.file("claims-more.json");
    const file = { version: 1, workspace: { baseUrl: BASE_URL, appId: "a1" }, streams: { admins: { cursor: 900 } } };
    await Bun.write(statePath, JSON.stringify(file));
    const warnings: string[] = [];
    const state = await open(carriedState("a1", 100), warnings, statePath);
    expect(state.store.get("admins")?.cursor).toBe(100);
    expect(warnings).toEqual([
      `${statePath} records more than the folder notes/ holds (a replaced or older folder?): continuing from the ` +
      "folder's own state, so what it lacks is read again.",
    ]);
    await state.close();
  });

  test("another workspace's is refused at bind, in the output's own words", async () => {
    const state = await open(carriedState("other", 100), []);
    await expect(state.bind({ appId: "a1" })).rejects.toThrow(
      /^The folder notes\/ holds workspace other .*Its rows would mix\. Use a separate --notes folder per workspace\. The folder was left untouched\.$/,
    );
    await state.close();
  });

  test("an unreadable state names its flag", async () => {
    await expect(open({ kind: "stateful", state: { version: 1, nonsense: true } }, [])).rejects.toThrow(
      /^The folder notes\/ holds an invalid intercom-sync state .*; use another --notes path or --full-refresh into a new file\./,
    );
  });

  test("its state file lags it: saves of the file do not wait (they only mirror it)", async () => {
    const statePath = temp.file("mirror.json");
    const state = await open({ kind: "new" }, [], statePath);
    await state.bind({ appId: "a1" });
    state.store.update("admins", { cursor: 5 });
    await state.store.save();
    await state.finish({ startedAt: Date.now(), endedAt: Date.now(), outcome: "ok", streams: {} } as never);
    expect(JSON.parse(await readFile(statePath, "utf8")).streams.admins.cursor).toBe(5);
    await state.close();
  });
});

describe("the registry gives each output's run state", () => {
  test("the database and the snapshot directories carry their own state, named in their own words", () => {
    const sqlite = OUTPUTS.sqlite.runState({ kind: "sqlite", path: "a.db" });
    expect({ ...sqlite.carried, read: undefined }).toEqual({
      noun: "database",
      path: "a.db",
      flag: "--sqlite",
      freshOne: "--sqlite file",
      read: undefined,
    });
    expect(sqlite.target).toBe("--sqlite a.db");
    const parquet = OUTPUTS.parquet.runState({ kind: "parquet", path: "out/" });
    expect({ ...parquet.carried, read: undefined }).toEqual({
      noun: "directory",
      path: "out/",
      flag: "--parquet",
      freshOne: "--parquet directory",
      read: undefined,
    });
  });

  test("a file is bound to the state file; stdout carries nothing", () => {
    expect(OUTPUTS.file.runState({ kind: "file", path: "a.jsonl", newOutput: true })).toEqual({
      target: "--output a.jsonl",
      appendFile: { path: "a.jsonl", newOutput: true },
    });
    expect(OUTPUTS["stdout-jsonl"].runState({ kind: "stdout-jsonl" })).toEqual({ target: "stdout" });
    expect(OUTPUTS["stdout-singer"].runState({ kind: "stdout-singer" })).toEqual({ target: "stdout" });
  });
});

describe("a --parquet directory of another workspace", () => {
  let first: RunningFakeIntercom;
  let second: RunningFakeIntercom;
  let temp: TempDir;
  beforeAll(async () => {
    temp = await tempDir();
    first = await startFakeIntercom({ now: pastNow(), appId: "firstapp" });
    second = await startFakeIntercom({ now: pastNow(), appId: "secondapp" });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await temp.remove();
  });

  test("is refused naming the directory and --parquet, not its staging database", async () => {
    const dir = temp.file("parquet");
    const sync = (url: string, state: string) => runCliInProcess(syncArgs(url, temp.file(state), ["--streams", "admins", "--parquet", dir]));
    expect((await sync(first.url, "first.json")).exitCode).toBe(0);
    const refused = await sync(second.url, "second.json");
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`The directory ${dir} holds workspace firstapp`);
    expect(refused.stderr).toContain("Use a separate --parquet directory per workspace. The directory was left untouched.");
    expect(refused.stderr).not.toContain("_staging");
  }, 60_000);
});

describe("`state` names its output with sync's flags, parsed by sync's parser", () => {
  test("two outputs are refused as sync refuses them (exit 2), not one of them picked", async () => {
    const temp = tempDir();
    try {
      const run = await runCliInProcess([
        "state",
        "show",
        "--sqlite",
        temp.file("a.db"),
        "--parquet",
        temp.file("parquet"),
        "--state",
        temp.file("s.json"),
      ]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("--sqlite and --parquet are two outputs; give one of them");
    } finally {
      temp.remove();
    }
  });
});
