/**
 * The README's Meltano instructions work as written from an empty Meltano project, as far as can be checked without
 * Meltano (it cannot be installed here): the meltano.yml snippet uses only keys, setting kinds and capabilities
 * Meltano's meltano.yml schema knows (facts from meltano/meltano src/meltano/schemas/meltano.schema.json), declares
 * every setting the tap reads (base_url included) and only capabilities the tap has, names a loader, and the
 * executable is this repository's wrapper, run from the project directory (Meltano runs an executable path without
 * pip_url relative to the project: src/meltano/core/plugin_invoker.py exec_path). The `meltano add --custom` answers
 * agree with the snippet.
 */
import { describe, expect, test } from "bun:test";
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseAirbyteConfig } from "../../src/protocols/airbyte/config.ts";
import { aboutInfo } from "../../src/protocols/singer/about.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { ROOT } from "../helpers/paths.ts";

type Any = Record<string, any>;

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("### Singer and Meltano"), README.indexOf("## Compared with Airbyte's Intercom connector"));
const yamlBlock = /```yaml\n(# meltano\.yml\n[\s\S]*?)```/.exec(section)?.[1];
const project = parse(yamlBlock ?? "") as Any;

// meltano.yml schema facts: what an extractor, a setting and a capability may be.
const EXTRACTOR_KEYS = [
  "name",
  "namespace",
  "pip_url",
  "executable",
  "variant",
  "capabilities",
  "settings",
  "config",
  "select",
  "metadata",
  "schema",
  "label",
  "description",
  "docs",
  "repo",
  "env",
  "python",
  "load_schema",
  "select_filter",
  "catalog",
  "state",
  "use_cached_catalog",
  "settings_group_validation",
  "inherit_from",
];
const SETTING_KEYS = [
  "name",
  "aliases",
  "label",
  "value",
  "placeholder",
  "kind",
  "description",
  "tooltip",
  "documentation",
  "hidden",
  "sensitive",
  "env",
  "value_processor",
  "value_post_processor",
  "oauth",
  "options",
];
const KINDS = ["oauth", "date_iso8601", "file", "email", "integer", "decimal", "options", "object", "array", "boolean", "string"];
const EXTRACTOR_CAPABILITIES = [
  "properties",
  "catalog",
  "discover",
  "state",
  "about",
  "stream-maps",
  "activate-version",
  "batch",
  "test",
  "log-based",
  "schema-flattening",
  "structured-logging",
];

describe("README: Meltano from an empty project", () => {
  const extractor = (project?.plugins?.extractors ?? [])[0] as Any;
  const tapSettings = Object.keys((aboutInfo().settings as Any).properties);

  test("the snippet is a meltano.yml `plugins:` with the extractor and a loader", () => {
    expect(yamlBlock).toBeDefined();
    expect(Object.keys(project)).toEqual(["plugins"]);
    expect(extractor.name).toBe("tap-intercom-sync");
    expect(project.plugins.loaders.map((loader: Any) => loader.name)).toEqual(["target-jsonl"]);
    expect(section).toContain("meltano run tap-intercom-sync target-jsonl");
    expect(section).toContain("meltano add loader target-jsonl");
  });

  test("the extractor uses only what Meltano knows, and every setting the tap reads", () => {
    for (const key of Object.keys(extractor)) expect(EXTRACTOR_KEYS).toContain(key);
    for (const capability of extractor.capabilities) {
      expect(EXTRACTOR_CAPABILITIES).toContain(capability);
      expect(aboutInfo().capabilities).toContain(capability);
    }
    expect(extractor.capabilities).toEqual(expect.arrayContaining(["catalog", "discover", "state"]));
    expect(extractor.settings.map((setting: Any) => setting.name)).toEqual(tapSettings);
    for (const setting of extractor.settings) {
      for (const key of Object.keys(setting)) expect(SETTING_KEYS).toContain(key);
      expect(KINDS).toContain(setting.kind);
    }
    expect(extractor.settings.find((setting: Any) => setting.name === "access_token").sensitive).toBe(true);
    for (const key of Object.keys(extractor.config)) expect(tapSettings).toContain(key);
    expect(() => parseAirbyteConfig({ ...extractor.config, access_token: "t" })).not.toThrow();
    for (const rule of extractor.select) expect(STREAM_NAMES).toContain(rule.split(".")[0]);
  });

  test("the executable is the repository's wrapper, copied into the project and run from there (no pip_url)", () => {
    expect(extractor.pip_url).toBeUndefined();
    expect(extractor.executable).toBe("./tap-intercom-sync");
    accessSync(join(ROOT, "meltano/tap-intercom-sync"), constants.X_OK);
    expect(section).toContain("cp /path/to/intercom-sync/meltano/tap-intercom-sync .");
    expect(section).toContain("meltano init ");
  });

  test("`meltano add --custom extractor` answers agree with the snippet", () => {
    expect(section).toContain("meltano add --custom extractor tap-intercom-sync");
    const answers = /namespace `([^`]+)`, pip_url `n`[^,]*, executable `([^`]+)`, capabilities `([^`]+)`, settings\n?`([^`]+)`/.exec(section);
    expect(answers).not.toBeNull();
    const [, namespace, executable, capabilities, settings] = answers!;
    expect([namespace, executable, capabilities!.split(",")]).toEqual([extractor.namespace, extractor.executable, extractor.capabilities]);
    const prompted = settings!.split(",").map((entry) => entry.split(":"));
    expect(prompted.map(([name]) => name)).toEqual(tapSettings);
    // The prompt takes Meltano's own kinds (`password` for credentials, as its prompt says).
    for (const [, kind] of prompted) expect([...KINDS, "password"]).toContain(kind ?? "");
  });
});
