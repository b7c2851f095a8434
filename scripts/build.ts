/**
 * `npm run build`: the host binary, dist/intercom-sync, via `bun build --compile`.
 * `npm run build:all` (`--all`): every release target into dist/, with SHA-256 checksums. A cross target needs
 * Bun's runtime for that platform, which may not be downloadable here: such targets are skipped and listed,
 * and the script fails only if the host build fails.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";

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

await mkdir("dist", { recursive: true });
const host = compile("dist/intercom-sync");
if (!host.ok) {
  console.error(`host build failed:\n${host.output}`);
  process.exit(1);
}
console.log("built dist/intercom-sync");

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
