/** `intercom-sync state show` names the progress a stream keeps per further parent (custom object instances via tickets). */
import { expect, test } from "bun:test";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

test("state show prints the tickets' read of custom_object_instances beside the conversations' one", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    await writeFile(
      state,
      JSON.stringify({
        version: 1,
        workspace: { baseUrl: "https://api.intercom.io", appId: "app1" },
        streams: {
          custom_object_instances: { cursor: 1_714_557_300, outcome: "ok", parents: { tickets: { cursor: 1_711_929_600, outcome: "ok" } } },
        },
      }),
    );
    const show = await runCliInProcess(["state", "show", "--state", state]);
    expect(show.exitCode).toBe(0);
    const line = show.stdout.split("\n").find((candidate) => candidate.includes("via tickets"));
    expect(line).toMatch(/custom_object_instances via tickets\s+2024-04-01T00:00:00Z \(1711929600\)/);
  });
});
