/**
 * `intercom-sync singer --about [--format json|markdown]` answers as Meltano SDK taps do (meltano/sdk
 * singer_sdk/about.py): JSON with name, description, version, capabilities and settings (the config's JSON
 * Schema), Markdown with a Capabilities list and a Settings table, plain text by default. No --config needed.
 */
import { describe, expect, test } from "bun:test";
import { TOOL_VERSION } from "../../src/version.ts";
import { runCli } from "../helpers/run-cli.ts";

const SETTINGS = [
  "access_token",
  "start_date",
  "lookback_window",
  "activity_logs_time_step",
  "region",
  "base_url",
  "omit_internal_notes",
  "report_window_days",
  "report_reexport_days",
  "report_pending_jobs",
  "report_attributes",
  "custom_object_types",
];

describe("singer --about", () => {
  test("--format=json: name, description, version, capabilities, settings", async () => {
    // With --config too, as SDK taps are often called: it is not needed, and not read.
    for (
      const args of [["--about", "--format=json"], ["--about", "--format", "json"], ["--config", "/nonexistent.json", "--about", "--format=json"]]
    ) {
      const run = await runCli(["singer", ...args]);
      expect({ code: run.exitCode, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
      const about = JSON.parse(run.stdout);
      expect(about).toMatchObject({ name: "tap-intercom-sync", version: TOOL_VERSION });
      expect(about.description).toContain("Intercom");
      expect(about.capabilities).toEqual(expect.arrayContaining(["catalog", "properties", "discover", "state", "about"]));
      expect(about.settings.type).toBe("object");
      expect(Object.keys(about.settings.properties)).toEqual(SETTINGS);
      expect(about.settings.properties.access_token).toMatchObject({ type: "string", secret: true, writeOnly: true });
      expect(JSON.stringify(about.settings)).not.toContain("airbyte");
    }
  });

  test("--format=markdown: capabilities and a settings table", async () => {
    const run = await runCli(["singer", "--about", "--format=markdown"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toStartWith("# `tap-intercom-sync`");
    expect(run.stdout).toContain("## Capabilities\n\n- `catalog`");
    expect(run.stdout).toContain("| Setting | Required | Default | Description |");
    for (const setting of SETTINGS) expect(run.stdout).toContain(`| ${setting} |`);
    expect(run.stdout).toContain("| access_token | True |");
  });

  test("--about alone: plain text with each setting's environment variable", async () => {
    const run = await runCli(["singer", "--about"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Name: tap-intercom-sync\n`);
    expect(run.stdout).toContain(`Version: ${TOOL_VERSION}\n`);
    expect(run.stdout).toContain("Environment Variable: TAP_INTERCOM_SYNC_ACCESS_TOKEN");
  });

  test("an unknown format is refused (exit 2)", async () => {
    const run = await runCli(["singer", "--about", "--format=yaml"]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
  });
});
