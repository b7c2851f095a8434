/**
 * Shell completion offers the values of --region, --streams (report streams too) and --intercom-version, not only
 * option names.
 */
import { describe, expect, test } from "bun:test";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { FAKE_DATASETS } from "../../src/fake/reports/mod.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { runCli } from "../helpers/run-cli.ts";

/** What `intercom-sync completion bash …` offers for the last word (what the generated script asks at Tab). */
async function offered(words: string[]): Promise<string[]> {
  const run = await runCli(["completion", "bash", ...words]);
  expect(run.exitCode).toBe(0);
  return run.stdout.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

describe("completion values", () => {
  test("--region: us, eu, au", async () => {
    expect(await offered(["check", "--region", ""])).toEqual(["us", "eu", "au"]);
  });

  test("--intercom-version: the versions whose schemas ship", async () => {
    expect(await offered(["sync", "--intercom-version", ""])).toEqual([...API_VERSIONS]);
    expect(await offered(["check", "--intercom-version", "2.1"])).toEqual(API_VERSIONS.filter((version) => version.startsWith("2.1")));
  });

  test("--streams: the catalog's names, and the next name of a comma-separated list", async () => {
    expect((await offered(["sync", "--streams", ""])).slice(0, STREAM_NAMES.length)).toEqual([...STREAM_NAMES]);
    expect(await offered(["check", "--streams", "tick"])).toEqual([
      "tickets",
      "ticket_parts",
      "ticket_linked_objects",
      "ticket_types",
      "ticket_transcripts",
      "ticket_states",
    ]);
    // Names already in the list are not offered again; what was typed before the last comma is kept.
    expect(await offered(["sync", "--streams", "tickets,tick"])).toEqual([
      "tickets,ticket_parts",
      "tickets,ticket_linked_objects",
      "tickets,ticket_types",
      "tickets,ticket_transcripts",
      "tickets,ticket_states",
    ]);
  }, 30_000); // a process per completion: seconds on a loaded machine

  test("--streams: `reports` and the report streams of the datasets Intercom documents (completion cannot ask the workspace)", async () => {
    const reports = ["reports", ...FAKE_DATASETS.map((dataset) => `report_${dataset.id}`)];
    expect(await offered(["sync", "--streams", ""])).toEqual([...STREAM_NAMES, ...reports]);
    expect(await offered(["sync", "--streams", "rep"])).toEqual(reports);
    // The dataset the API descriptions give as their example is one of them.
    expect(await offered(["check", "--streams", "admins,report_conv"])).toEqual([
      "admins,report_conversation",
      "admins,report_conversation_sla_status_log",
    ]);
  }, 30_000);
});
