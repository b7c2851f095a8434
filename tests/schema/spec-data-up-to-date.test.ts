/**
 * tests/spec-data/ (the committed subset of Intercom's OpenAPI descriptions the spec-derived tests read) is
 * exactly what scripts/gen-schemas.ts cuts from the full descriptions, where those are present
 * (../shared/intercom-openapi/ or INTERCOM_OPENAPI_DIR); everywhere, its files match the manifest's hashes.
 */
import { describe, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SPEC_DIR_URL, specDirUrl, STREAM_COMPONENTS, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { CALLED_OPERATIONS, operationShape, sha256 } from "../../scripts/openapi-subset.ts";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { componentOn } from "../../src/streams/versioned.ts";
import {
  fullDescriptionsPresent,
  generateSpecData,
  LICENSE_FILE,
  MANIFEST_FILE,
  SPEC_DATA_URL,
  SPEC_DATA_VERSIONS,
  type SpecDataManifest,
  subsetFile,
} from "../../scripts/spec-data.ts";
import { spec } from "./openapi-responses.ts";

const REGENERATE = "stale: run `bun scripts/gen-schemas.ts` and commit tests/spec-data/";
const FULL_PRESENT = fullDescriptionsPresent(SPEC_DIR_URL);

const committed = (name: string) => readFile(new URL(name, SPEC_DATA_URL), "utf8");

async function manifest(): Promise<SpecDataManifest> {
  return JSON.parse(await committed(MANIFEST_FILE)) as SpecDataManifest;
}

describe("tests/spec-data/", () => {
  test(
    FULL_PRESENT
      ? `is byte-identical to what the full descriptions in ${fileURLToPath(SPEC_DIR_URL)} give today`
      : "has no full descriptions to compare with here, so each file must match its manifest hash",
    async () => {
      if (FULL_PRESENT) {
        const generated = await generateSpecData(SPEC_DIR_URL, STREAM_COMPONENTS);
        for (const [name, text] of generated) expect(await committed(name).catch(() => "(missing)"), `${name} ${REGENERATE}`).toBe(text);
      } else {
        for (const [name, entry] of Object.entries((await manifest()).files)) expect(sha256(await committed(name)), name).toBe(entry.sha256);
      }
    },
    // Parses three descriptions of up to 1.3 MB of YAML each.
    30_000,
  );

  test("every committed file matches its manifest hash, and the manifest lists every file", async () => {
    const { files } = await manifest();
    for (const [name, entry] of Object.entries(files)) expect(sha256(await committed(name)), `${name} ${REGENERATE}`).toBe(entry.sha256);
    const onDisk = (await readdir(SPEC_DATA_URL)).filter((f) => f !== MANIFEST_FILE).sort();
    expect(onDisk).toEqual(Object.keys(files).sort());
    expect(Object.keys(files).sort()).toEqual([LICENSE_FILE, ...SPEC_DATA_VERSIONS.map(subsetFile)].sort());
  });

  test("the descriptions' MIT license travels with them", async () => {
    const license = await committed(LICENSE_FILE);
    expect(license).toStartWith("MIT License");
    expect(license).toContain("Copyright (c) 2022 Intercom, Inc.");
  });

  test.each(SPEC_DATA_VERSIONS.map((v) => [v]))("%s: holds every operation the tests call and every stream component", async (version) => {
    const doc = await spec(version);
    const held = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => operationShape(method, path)));
    for (const { method, path, from } of CALLED_OPERATIONS) {
      if (from !== undefined && API_VERSIONS.indexOf(version) < API_VERSIONS.indexOf(from)) continue;
      expect(held, `${version}: ${method} ${path}`).toContain(operationShape(method, path));
    }
    for (const source of STREAM_SOURCES) {
      const component = componentOn({ schema: source }, version);
      expect(doc.components.schemas[component], `${version}: ${component}`).toBeDefined();
    }
  });

  test("stays small: a fraction of the full descriptions", async () => {
    for (const version of SPEC_DATA_VERSIONS) expect((await committed(subsetFile(version))).length).toBeLessThan(400_000);
  });
});

describe("INTERCOM_OPENAPI_DIR", () => {
  test("names the folder of the full descriptions; a folder without them counts as absent", () => {
    expect(fileURLToPath(specDirUrl("/nowhere/intercom-openapi"))).toBe("/nowhere/intercom-openapi/");
    expect(fullDescriptionsPresent(specDirUrl("/nowhere/intercom-openapi"))).toBe(false);
    expect(fileURLToPath(specDirUrl(undefined))).toEndWith("/shared/intercom-openapi/");
  });

  test("without the full descriptions, `gen-schemas.ts --check` still regenerates schemas/ from the committed subset", () => {
    const script = fileURLToPath(new URL("../../scripts/gen-schemas.ts", import.meta.url));
    const run = spawnSync(process.execPath, [script, "--check"], {
      env: { ...process.env, INTERCOM_OPENAPI_DIR: "/nowhere/intercom-openapi" },
      encoding: "utf8",
    });
    expect(run.stderr).toContain("tests/spec-data/ kept as committed");
    expect(run.status, run.stderr).toBe(0);
  });
});
