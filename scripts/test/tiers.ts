/**
 * Which test files spawn processes (the CLI, the binary, a fake in its own process, Deno, the Action emulator).
 * A file is in the process tier when it, or a test helper it imports (followed through relative imports inside
 * tests/, scripts/ and bench/), starts a child process. Derived from the code, so a new test lands in the right tier
 * without anyone listing it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// Built from words so this file's own text does not match it.
const STARTERS = ["spawn", "spawnSync", "execFile", "execFileSync", "exec", "execSync", "Bun\\.spawn", "Bun\\.spawnSync"];
const SPAWNS = new RegExp(`(?:^|[^\\w.])(?:${STARTERS.join("|")})\\s*\\(|new\\s+Deno\\.Command\\b|["']node:child_process["']`);
const RELATIVE_IMPORT = /(?:import|export)[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

export interface Tiers {
  inProcess: string[];
  spawning: string[];
}

export function testTiers(root: string): Tiers {
  const files = listTestFiles(join(root, "tests")).map((file) => relative(root, file)).sort();
  const memo = new Map<string, boolean>();
  const tiers: Tiers = { inProcess: [], spawning: [] };
  for (const file of files) (spawnsProcesses(resolve(root, file), root, memo, new Set()) ? tiers.spawning : tiers.inProcess).push(file);
  return tiers;
}

function listTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTestFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function spawnsProcesses(file: string, root: string, memo: Map<string, boolean>, visiting: Set<string>): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  if (visiting.has(file)) return false;
  visiting.add(file);
  const source = readFileSync(file, "utf8");
  let spawns = SPAWNS.test(source);
  if (!spawns) {
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(dirname(file), match[1] ?? match[2] ?? "");
      // Only the tests' own helpers, the scripts and the bench are followed: src/ never starts a process for a test.
      if (!target || !["tests", "scripts", "bench"].some((dir) => isUnder(target, join(root, dir)))) continue;
      if (spawnsProcesses(target, root, memo, visiting)) {
        spawns = true;
        break;
      }
    }
  }
  memo.set(file, spawns);
  return spawns;
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate) && !candidate.endsWith("/")) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // a directory: try the next candidate
      }
    }
  }
  return undefined;
}

function isUnder(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..");
}
