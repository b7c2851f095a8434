/**
 * `npm ci` (the Quick start) runs the install scripts of bun and deno, which put their binaries in place. npm 11
 * warns about, and later releases block, every install script that package.json's `allowScripts` does not name.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..");
const readJson = (name: string) => JSON.parse(readFileSync(join(ROOT, name), "utf8"));

test("every locked package with an install script is allowed explicitly in package.json's allowScripts", () => {
  const lock = readJson("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length))
    .sort();
  expect(withScripts).toEqual(["bun", "deno"]);
  const allowed = (readJson("package.json") as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  expect(withScripts.filter((name) => allowed[name] !== true)).toEqual([]);
});
