/** Runs the CLI as a child process (clean stdout, clean environment) and reads its stdout as JSON lines. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeStreamName, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { runSourceCli } from "../helpers/spawn-cli.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout, one parsed JSON value per line; throws when a line is not JSON. */
  messages: Record<string, unknown>[];
}

/** Asynchronous, so a fake served by the test process keeps answering meanwhile. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { code, stdout, stderr } = await runSourceCli(args, env);
  const lines = stdout.split("\n");
  if (lines.pop() !== "") throw new Error(`stdout does not end with a newline: ${stdout.slice(-200)}\nstderr: ${stderr}`);
  try {
    return { code, stdout, stderr, messages: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstderr: ${stderr}`);
  }
}

/** A fresh temp directory for config, catalog and state files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "intercom-sync-protocols-"));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The fake the brief prescribes: its clock two hours back, so nothing is inside the search lag. */
export function startFake(): Promise<RunningFakeIntercom> {
  return startFakeIntercom({ now: Math.floor(Date.now() / 1000) - 7200 });
}

/** A record's identity: its stream's primary key fields joined. */
export function keyOf(stream: string, record: Record<string, unknown>): string {
  return streamByName(stream)!.primaryKey.map((field) => String(record[field])).join("|");
}

export function fakeKeys(fake: RunningFakeIntercom, stream: string): string[] {
  return [...fake.workspace.records(stream as FakeStreamName)].map((record) => keyOf(stream, record)).sort();
}
