/** src/errors.ts is the one module every error class is defined in and imported from (its header says the rule). */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const ERRORS = join(ROOT, "src/errors.ts");

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "fake" ? [] : typeScriptFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

// src/fake/ is left out: the fake Intercom is a test double whose errors never reach intercom-sync.
const files = [join(ROOT, "mod.ts"), ...typeScriptFiles(join(ROOT, "src")), ...typeScriptFiles(join(ROOT, "tests"))];
const errorNames = [...readFileSync(ERRORS, "utf8").matchAll(/^export class (\w+)/gm)].map((match) => match[1]!);

test("no module but src/errors.ts defines or hands on an error class", () => {
  const elsewhere = files
    .filter((file) => file !== ERRORS && !file.startsWith(join(ROOT, "tests")))
    .flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const defined = [...text.matchAll(/^export class (\w+) extends \w*Error\b/gm)].map((match) => match[1]!);
      const handedOn = [...text.matchAll(/^export\s+\{([^}]*)\};/gm)].flatMap((match) => match[1]!.split(",").map((name) => name.trim()));
      return [...defined, ...handedOn.filter((name) => errorNames.includes(name))].map((name) => `${relative(ROOT, file)}: ${name}`);
    });
  expect(elsewhere).toEqual([]);
});

test("every import or re-export of an error class names src/errors.ts", () => {
  expect(errorNames).toContain("ConfigError");
  const statement = /(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"|export \* from "([^"]+)"/g;
  const strays: string[] = [];
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(statement)) {
      const from = match[2] ?? match[3]!;
      if (!from.startsWith(".") || resolve(dirname(file), from) === ERRORS) continue;
      const names = (match[1] ?? "").split(",").map((name) => name.replace(/\btype\b/, "").trim().split(/\s+as\s+/)[0]!);
      const errors = names.filter((name) => errorNames.includes(name));
      if (errors.length) strays.push(`${relative(ROOT, file)}: ${errors.join(", ")} from ${from}`);
      if (match[3] !== undefined && /errors\.ts$/.test(from)) strays.push(`${relative(ROOT, file)}: export * from ${from}`);
    }
  }
  expect(strays).toEqual([]);
});
