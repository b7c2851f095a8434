/**
 * The README's design notes list the layers "from the bottom up (imports only ever point down this list)".
 * This holds the list to the code: every import from one layer of src/ to another names a layer listed before it.
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const SRC = join(ROOT, "src");

/** The layers in the order the README's design notes list them: `src/errors.ts` and `src/api-versions.ts` as one. */
function readmeLayers(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const notes = readme.slice(readme.indexOf("## Design notes"), readme.indexOf("\n## ", readme.indexOf("## Design notes") + 1));
  const layers: string[] = [];
  for (const line of notes.split("\n")) {
    const bullet = /^- \*\*(.+?)\*\*/.exec(line)?.[1];
    if (!bullet) continue;
    for (const path of bullet.matchAll(/`src\/([^`/]+)\/?`/g)) layers.push(layerOf(path[1]!));
  }
  return layers;
}

/** A top-level folder of src/, or "(root)" for the files directly in src/. */
function layerOf(entry: string): string {
  return entry.endsWith(".ts") ? "(root)" : entry;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT = /(?:import|export)[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']/g;

function importsBetweenLayers(): { from: string; to: string; file: string }[] {
  const found: { from: string; to: string; file: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(relative(SRC, file).split("/")[0]!);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = relative(SRC, resolve(dirname(file), match[1]!));
      if (target.startsWith("..")) continue;
      const to = layerOf(target.split("/")[0]!);
      if (to !== from) found.push({ from, to, file: relative(ROOT, file) });
    }
  }
  return found;
}

test("every layer of src/ is in the README's design notes", () => {
  const layers = new Set(readmeLayers());
  const present = new Set(readdirSync(SRC, { withFileTypes: true }).map((entry) => layerOf(entry.name)));
  expect([...present].filter((layer) => !layers.has(layer)).sort()).toEqual([]);
});

test("imports only point down the README's list of layers", () => {
  const order = readmeLayers();
  const rank = (layer: string) => order.indexOf(layer);
  const upward = importsBetweenLayers()
    .filter(({ from, to }) => rank(to) > rank(from))
    .map(({ file, to }) => `${file} imports src/${to}/, listed after it`);
  expect([...new Set(upward)].sort()).toEqual([]);
});
