/** A state file whose cursor is later than Intercom's clock: exit 0, and one warning line that says what to do. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 11,
    now: pastNow(),
    sizes: { contacts: 30, conversations: 4, companies: 4, tickets: 4, activityLogs: 4, maxParts: 2 },
  });
});
afterAll(() => fake.close());

test("a cursor in Intercom's future: the run succeeds with one warning naming the stream, the state file and the fix", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const args = syncArgs(fake.url, state, ["--streams", "contacts,tags", "--output", join(dir, "out.jsonl")]).filter((arg) => arg !== "--quiet");
    const first = await runCli(args);
    expect(first.exitCode).toBe(0);
    const saved = JSON.parse(await readFile(state, "utf8")) as { streams: Record<string, { cursor?: number }> };
    const future = Math.floor(Date.now() / 1000) + 30 * 86_400;
    saved.streams.contacts!.cursor = future;
    await writeFile(state, JSON.stringify(saved));

    const second = await runCli(args);
    expect(second.exitCode).toBe(0);
    const lines = second.stderr.split("\n").filter((line) => line.includes("later than Intercom's clock"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("contacts:");
    expect(lines[0]).toContain(`the state file ${state}`);
    expect(lines[0]).toContain(`intercom-sync state reset --streams contacts --state ${state}`);
    expect(lines[0]).toContain("--full-refresh");
  });
});
