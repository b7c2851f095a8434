/** Through the CLI: contact search pages Intercom cannot build at 150 are read smaller; exit 0, every record once. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { fakeKeys, jsonlKeys, pastNow } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 41, now: pastNow(), sizes: { contacts: 320 }, faults: { searchGatewayErrorAbovePerPage: 50 } });
});
afterAll(() => fake.close());

test("contacts answered 502/504 at 150 per page: read at 37, exit 0, a warning and the summary's note", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(["sync", "--base-url", fake.url, "--token", "test-token", "--state", join(dir, "state.json"), "--streams", "contacts"]);
    expect(run.exitCode).toBe(0);
    expect(jsonlKeys([run.stdout]).contacts).toEqual(fakeKeys(fake).contacts!);
    expect(run.stderr).toMatch(/warning: contacts: Intercom answered 50[24] at 150, 50[24] at 75 per page; read at 37 per page from then on/);
    expect(run.stderr).toMatch(/contacts\s+ok\s+320\s.*1 warnings/);
  });
});
