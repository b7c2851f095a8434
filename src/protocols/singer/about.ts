/**
 * `intercom-sync singer --about [--format json|markdown|text]`: what the tap is, as Meltano SDK taps describe
 * themselves (meltano/sdk, singer_sdk/about.py): name, description, version, capabilities, and the settings as a
 * JSON Schema. The SDK's `sdk_version` and `supported_python_versions` are left out: this tap is neither.
 * @example
 * aboutText("json") // '{\n  "name": "tap-intercom-sync", …'
 */
import type { JsonSchema } from "../../schema/json-schema.ts";
import { TOOL_VERSION } from "../../version.ts";
import { CONNECTION_SPECIFICATION } from "../airbyte/config.ts";

export const ABOUT_FORMATS = ["text", "json", "markdown"] as const;
export type AboutFormat = (typeof ABOUT_FORMATS)[number];

/** The name Meltano knows the tap by (meltano/tap-intercom-sync); its settings' environment prefix follows from it. */
const NAME = "tap-intercom-sync";
const ENV_PREFIX = "TAP_INTERCOM_SYNC_";

export interface AboutInfo {
  name: string;
  description: string;
  version: string;
  /** Meltano's capability names: --catalog and --properties, --discover, --state, --about. */
  capabilities: string[];
  settings: JsonSchema;
}

export function aboutInfo(): AboutInfo {
  return {
    name: NAME,
    description: "Intercom workspace export as a Singer tap: every stream, incremental, with deletions (intercom-sync).",
    version: TOOL_VERSION,
    capabilities: ["catalog", "properties", "discover", "state", "about"],
    settings: singerSettings(),
  };
}

/** The config's JSON Schema as a Singer tap states it: the Airbyte spec's, without its UI keys; the token `secret`. */
function singerSettings(): JsonSchema {
  const spec = CONNECTION_SPECIFICATION as { required?: string[]; properties: Record<string, Record<string, unknown>> };
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [name, schema] of Object.entries(spec.properties)) {
    const { airbyte_secret, order: _order, pattern_descriptor: _descriptor, title: _title, ...rest } = schema;
    properties[name] = airbyte_secret === true ? { ...rest, secret: true, writeOnly: true } : rest;
  }
  return { type: "object", properties, required: spec.required ?? [] } as JsonSchema;
}

export function aboutText(format: AboutFormat, info: AboutInfo = aboutInfo()): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(info, null, 2)}\n`;
    case "markdown":
      return markdown(info);
    case "text":
      return text(info);
  }
}

type Settings = { properties?: Record<string, { type?: unknown; default?: unknown; description?: string }>; required?: string[] };

function text(info: AboutInfo): string {
  const settings = info.settings as Settings;
  const lines = [`Name: ${info.name}`, `Description: ${info.description}`, `Version: ${info.version}`, "Capabilities:"];
  for (const capability of info.capabilities) lines.push(`  - ${capability}`);
  lines.push("Settings:");
  for (const [name, schema] of Object.entries(settings.properties ?? {})) {
    lines.push(
      `  - Name: ${name}`,
      `    Type: ${String(schema.type)}`,
      `    Environment Variable: ${ENV_PREFIX}${name.toUpperCase().replaceAll("-", "_")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function markdown(info: AboutInfo): string {
  const settings = info.settings as Settings;
  const required = new Set(settings.required ?? []);
  const rows = Object.entries(settings.properties ?? {}).map(
    ([name, schema]) =>
      `| ${name} | ${required.has(name) ? "True" : "False"} | ${schema.default ?? "None"} | ${
        (schema.description ?? "").replaceAll("\n", "<BR/>")
      } |`,
  );
  return [
    `# \`${info.name}\``,
    "",
    info.description,
    "",
    "## Capabilities",
    "",
    ...info.capabilities.map((capability) => `- \`${capability}\``),
    "",
    "## Settings",
    "",
    "| Setting | Required | Default | Description |",
    "|:--------|:--------:|:-------:|:------------|",
    ...rows,
    "",
    `A full list of supported settings and capabilities is available by running: \`${info.name} --about\``,
    "",
  ].join("\n");
}
