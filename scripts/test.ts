/**
 * Runs the tests with `bun test` and ends with the line CI reads: `N passed, N failed`.
 * The counts come from bun's JUnit report, so they cannot drift from what bun actually ran.
 *
 * `npm test` runs the in-process tests (the quick tier); `--all` (`npm run test:all`, what CI runs) adds the
 * files that spawn processes (see tiers.ts). Other arguments go to `bun test` (e.g. a path filter), and then every
 * matching file runs, whatever its tier.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import { testTiers } from "./test/tiers.ts";

const args = process.argv.slice(2);
const all = args.includes("--all");
const passThrough = args.filter((arg) => arg !== "--all");
const namesFiles = passThrough.some((arg) => !arg.startsWith("-"));
// bun reads "./path" as that file rather than as a substring filter.
const files = all || namesFiles ? [] : testTiers(process.cwd()).inProcess.map((file) => `./${file}`);

const report = ".tmp/junit.xml";
await mkdir(".tmp", { recursive: true });
await rm(report, { force: true });

const exitCode = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ["test", "--timeout=60000", "--reporter=junit", `--reporter-outfile=${report}`, ...passThrough, ...files], {
    stdio: "inherit",
  });
  child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

let xml = "";
try {
  xml = await readFile(report, "utf8");
} catch {
  console.log(`bun test wrote no report (exit ${exitCode})`);
}
// The root <testsuites> element carries the totals.
const root = /<testsuites\b[^>]*>/.exec(xml)?.[0] ?? "";
const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
const total = count("tests");
const failed = count("failures") + count("errors");
const skipped = count("skipped");
const passed = Math.max(0, total - failed - skipped);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(exitCode !== 0 ? exitCode : failed > 0 || total === 0 ? 1 : 0);
