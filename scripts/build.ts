/**
 * `npm run build`: the host binary, dist/intercom-sync, via `bun build --compile`.
 * `npm run build:all` (`--all`): every release target into dist/, with SHA-256 checksums. A cross target needs
 * Bun's runtime for that platform, which may not be downloadable here: such targets are skipped and listed,
 * and the script fails only if the host build fails.
 * The host binary is rebuilt only when what it is built from changed (see HOST_INPUTS; `--force` rebuilds anyway):
 * the Action builds on every run, and its tests run it a dozen times on unchanged sources.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const ENTRY = "src/cli/entry.ts";
const TARGETS = [
  { target: "bun-linux-x64", file: "intercom-sync-linux-x64" },
  { target: "bun-linux-arm64", file: "intercom-sync-linux-arm64" },
  { target: "bun-darwin-x64", file: "intercom-sync-darwin-x64" },
  { target: "bun-darwin-arm64", file: "intercom-sync-darwin-arm64" },
  { target: "bun-windows-x64", file: "intercom-sync-windows-x64.exe" },
];

function compile(outfile: string, target?: string): { ok: boolean; output: string } {
  // Bytecode (ESM, for the top-level await) skips parsing at start-up: `--version` in about a third of the time.
  const args = ["build", "--compile", "--bytecode", "--format=esm", "--minify", "--sourcemap=none", ENTRY, "--outfile", outfile];
  if (target) args.push(`--target=${target}`);
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

async function sha256(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

const HOST = "dist/intercom-sync";
/** Beside the binary: the hash of what it was built from. */
const HOST_INPUTS = `${HOST}.inputs`;

/** What the host binary is made of: every source file, the dependencies as locked, Bun's version and the flags. */
async function hostInputsHash(): Promise<string> {
  const hash = createHash("sha256").update(`${Bun.version}\n${compile.toString()}\n`);
  const files = readdirSync("src", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, "package.json", "package-lock.json", "tsconfig.json"]) {
    if (!existsSync(file)) continue;
    hash.update(`${file}\n`).update(await readFile(file)).update("\n");
  }
  return hash.digest("hex");
}

await mkdir("dist", { recursive: true });
const inputs = await hostInputsHash();
const builtFrom = existsSync(HOST) && existsSync(HOST_INPUTS) ? (await readFile(HOST_INPUTS, "utf8")).trim() : "";
if (builtFrom === inputs && !process.argv.includes("--force")) {
  console.log(`${HOST} is up to date (built from the same sources; --force rebuilds)`);
} else {
  await rm(HOST_INPUTS, { force: true }); // a failed build must not leave the old hash beside a broken binary
  const host = compile(HOST);
  if (!host.ok) {
    console.error(`host build failed:\n${host.output}`);
    process.exit(1);
  }
  await writeFile(HOST_INPUTS, `${inputs}\n`);
  console.log(`built ${HOST}`);
}

if (process.argv.includes("--all")) {
  const sums: string[] = [];
  const skipped: string[] = [];
  for (const { target, file } of TARGETS) {
    const result = compile(`dist/${file}`, target);
    if (result.ok) {
      sums.push(`${await sha256(`dist/${file}`)}  ${file}`);
      console.log(`built dist/${file}`);
    } else {
      const reason = result.output.split("\n").find((line) => /error/i.test(line)) ?? result.output.split("\n")[0];
      skipped.push(`${target}: ${reason}`);
    }
  }
  await writeFile("dist/SHA256SUMS", sums.length ? `${sums.join("\n")}\n` : "");
  console.log(`wrote dist/SHA256SUMS (${sums.length} binaries)`);
  if (skipped.length) {
    console.warn(
      `skipped ${skipped.length} target(s): Bun could not build them on this machine (usually its runtime for that platform could not be downloaded):`,
    );
    for (const line of skipped) console.warn(`  ${line}`);
  }
}
