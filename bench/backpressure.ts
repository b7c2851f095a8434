/**
 * Back-pressure benchmark (issue 3): a 200k-contact export as JSON lines on stdout keeps memory flat when the
 * reader is slow (`| gzip`). Starts the fake Intercom in its own process (zero latency, no effective rate limit),
 * then runs the real CLI (`src/cli/main.ts sync --streams contacts`) twice, each time in a shell pipeline whose
 * reader is this script in consumer mode:
 *   - fast: the reader drains stdout as fast as it can (1 MiB reads);
 *   - slow: the reader takes 64 KiB at a time and sleeps so that it averages --slow-bytes-per-sec.
 * The CLI's peak RSS is measured by `/usr/bin/time -f %M` where it exists, else by polling /proc/<pid>/status
 * VmHWM until the CLI exits. Prints a markdown table and writes bench/backpressure-results.json.
 * "Flat" means the slow run's peak RSS is at most 1.25× the fast run's. Each reader counts the JSON lines it
 * read; both counts must equal the fake's contacts total (its `total_count`), or the script exits 1.
 * No timing or memory assert makes it fail: it is a measurement, not a test.
 *
 * Flags (defaults in brackets):
 *   --contacts N [200000]  --seed N [1]
 *   --slow-bytes-per-sec N [2097152]  the slow reader's average rate
 *   --quick                2,000 contacts and a 16 MiB/s slow reader, for the smoke test
 *   --out PATH [bench/backpressure-results.json]
 *   --proc-rss             poll /proc/<pid>/status VmHWM even where /usr/bin/time exists
 * @example
 * bun run bench/backpressure.ts --contacts 50000 --slow-bytes-per-sec 1000000
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FAKE_TOKEN, type FakeProcess, startFakeProcess } from "../tests/helpers/fake-process.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const MAIN = join(ROOT, "src", "cli", "main.ts");
const BUN = process.execPath;
const TIME = "/usr/bin/time";
const FLAT_RATIO = 1.25;
const FAST_CHUNK = 1024 * 1024;
const SLOW_CHUNK = 64 * 1024;
const LINE_PREFIX = '{"stream":"contacts",';

export type ConsumerKind = "fast" | "slow";

/** What a reader reports (its one stdout line). */
export interface ConsumerReport {
  consumer: ConsumerKind;
  /** Complete lines read. */
  lines: number;
  /** Lines that start with the contacts prefix. */
  records: number;
  bytes: number;
  /** First read to end of input. */
  seconds: number;
}

export interface BackpressureRun {
  consumer: ConsumerKind;
  /** Bytes per read the reader asked for. */
  chunkBytes: number;
  /** The slow reader's target rate; null for the fast one. */
  targetBytesPerSec: number | null;
  records: number;
  lines: number;
  bytes: number;
  /** Wall time of the whole pipeline (CLI start to reader done). */
  seconds: number;
  /** Bytes / seconds actually achieved. */
  bytesPerSec: number;
  /** Peak RSS of the CLI process, MiB. */
  peakRssMb: number;
  cliExitCode: number;
  /** Records read equal the fake's contacts total and every line was a contacts record. */
  countMatches: boolean;
}

export interface BackpressureResults {
  generatedAt: string;
  command: string;
  settings: {
    contacts: number;
    seed: number;
    slowBytesPerSec: number;
    quick: boolean;
    rssSource: "/usr/bin/time %M" | "/proc VmHWM polling";
    machine: { cpus: number; platform: string; runtime: string };
  };
  /** The fake's own contacts total (GET /contacts total_count). */
  fakeContacts: number;
  runs: BackpressureRun[];
  /** Slow peak RSS over fast peak RSS. */
  rssRatio: number;
  flatThreshold: number;
  flat: boolean;
  countsMatch: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Consumer mode: `bun bench/backpressure.ts --consume fast|slow [--slow-bytes-per-sec N]`, reading stdin.

function consume(kind: ConsumerKind, bytesPerSec: number): ConsumerReport {
  const chunk = Buffer.allocUnsafe(kind === "fast" ? FAST_CHUNK : SLOW_CHUNK);
  const prefix = Buffer.from(LINE_PREFIX);
  let bytes = 0;
  let lines = 0;
  let records = 0;
  // How many bytes of the current line's head have matched the prefix so far; -1 once it failed.
  let matched = 0;
  let began = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as { code?: string }).code === "EAGAIN") {
        Bun.sleepSync(1);
        continue;
      }
      if ((error as { code?: string }).code === "EOF") break;
      throw error;
    }
    if (n === 0) break;
    if (bytes === 0) began = performance.now();
    bytes += n;
    const view = chunk.subarray(0, n);
    let i = 0;
    while (i < n) {
      // Match the line's head against the prefix, however the line is split across reads.
      while (matched >= 0 && matched < prefix.length && i < n) {
        if (view[i] === 10) break;
        matched = view[i] === prefix[matched] ? matched + 1 : -1;
        i++;
      }
      const newline = view.indexOf(10, i);
      if (newline === -1) break;
      lines++;
      if (matched === prefix.length) records++;
      matched = 0;
      i = newline + 1;
    }
    if (kind === "slow") {
      // Pace by schedule: after `bytes` bytes, be no earlier than began + bytes / rate.
      const due = began + (bytes / bytesPerSec) * 1000;
      const wait = due - performance.now();
      if (wait > 0) Bun.sleepSync(wait);
    }
  }
  const seconds = bytes === 0 ? 0 : (performance.now() - began) / 1000;
  return { consumer: kind, lines, records, bytes, seconds: round(seconds, 2) };
}

// ---------------------------------------------------------------------------------------------------------
// Bench mode.

const parseFlags = () =>
  parseArgs({
    options: {
      contacts: { type: "string" },
      seed: { type: "string" },
      "slow-bytes-per-sec": { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      consume: { type: "string" },
      "proc-rss": { type: "boolean", default: false },
    },
    strict: true,
  }).values;

// Parsed only when run as a script, so importing this module for its types has no side effects.
let flags: ReturnType<typeof parseFlags> = { quick: false, "proc-rss": false };

function intFlag(name: "contacts" | "seed" | "slow-bytes-per-sec", fallback: number, min: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} wants an integer ≥ ${min}, got ${raw}`);
    process.exit(2);
  }
  return value;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** POSIX shell single-quoting. */
const sh = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

const log = (line: string) => process.stderr.write(`[bench-backpressure] ${line}\n`);

async function fakeContactsTotal(fake: FakeProcess): Promise<number> {
  const response = await fetch(`${fake.url}/contacts?per_page=1`, {
    headers: { Authorization: `Bearer ${FAKE_TOKEN}`, Accept: "application/json", "Intercom-Version": "2.11" },
  });
  if (!response.ok) throw new Error(`fake GET /contacts answered ${response.status}`);
  const body = (await response.json()) as { total_count?: unknown };
  if (typeof body.total_count !== "number") throw new Error("fake GET /contacts has no total_count");
  return body.total_count;
}

/** Polls /proc/<pid>/status for VmHWM (KiB) until the process is gone; returns the last value read. */
async function pollPeakRss(pidFile: string, done: () => boolean): Promise<number> {
  let pid: number | undefined;
  let peakKb = 0;
  while (!done()) {
    if (pid === undefined && existsSync(pidFile)) {
      const text = readFileSync(pidFile, "utf8").trim();
      if (text) pid = Number(text);
    }
    if (pid !== undefined) {
      try {
        const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // Gone (or not yet exec'd): keep what we have.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return peakKb;
}

interface PipelineOptions {
  kind: ConsumerKind;
  url: string;
  work: string;
  slowBytesPerSec: number;
  useTime: boolean;
}

/** One CLI run in `cli | reader`, as a user's shell would run it. */
async function runPipeline(options: PipelineOptions): Promise<Omit<BackpressureRun, "countMatches">> {
  const { kind, url, work, slowBytesPerSec, useTime } = options;
  const statePath = join(work, `${kind}.state.json`);
  const rssFile = join(work, `${kind}.rss`);
  const pidFile = join(work, `${kind}.pid`);
  const statusFile = join(work, `${kind}.status`);
  const cli = [
    BUN,
    MAIN,
    "sync",
    "--base-url",
    url,
    "--token",
    FAKE_TOKEN,
    "--streams",
    "contacts",
    "--state",
    statePath,
    "--search-lag-minutes",
    "0",
  ];
  const measured = useTime
    ? [TIME, "-f", "%M", "-o", rssFile, ...cli].map(sh).join(" ")
    // `exec` keeps the pid, so the pid written is the CLI's.
    : `sh -c ${sh(`echo $$ > ${sh(pidFile)}; exec "$@"`)} sh ${cli.map(sh).join(" ")}`;
  const reader = [BUN, SELF, "--consume", kind, "--slow-bytes-per-sec", String(slowBytesPerSec)].map(sh).join(" ");
  // The CLI's exit status goes to a file: a plain pipeline only reports the reader's.
  const script = `{ ${measured}; echo $? > ${sh(statusFile)}; } | ${reader}`;

  const began = performance.now();
  const child = spawn("sh", ["-c", script], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => (stdout += chunk));
  child.stderr.on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-8_000)));
  let exited = false;
  const exit = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      exited = true;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  const polled = useTime ? Promise.resolve(0) : pollPeakRss(pidFile, () => exited);
  const code = await exit;
  const seconds = (performance.now() - began) / 1000;
  const polledKb = await polled;

  const cliExitCode = existsSync(statusFile) ? Number(readFileSync(statusFile, "utf8").trim()) : -1;
  if (code !== 0 || cliExitCode !== 0) {
    throw new Error(`${kind} pipeline failed (reader ${code}, CLI ${cliExitCode}):\n${stderr}`);
  }
  let peakKb = polledKb;
  if (useTime) {
    // GNU time may put a "Command exited with …" line first; %M is the last line.
    const last = readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "";
    peakKb = Number(last);
    if (!Number.isFinite(peakKb)) throw new Error(`${TIME} wrote no %M: ${last}`);
  }
  const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ConsumerReport;
  return {
    consumer: kind,
    chunkBytes: kind === "fast" ? FAST_CHUNK : SLOW_CHUNK,
    targetBytesPerSec: kind === "slow" ? slowBytesPerSec : null,
    records: report.records,
    lines: report.lines,
    bytes: report.bytes,
    seconds: round(seconds, 2),
    bytesPerSec: Math.round(report.bytes / seconds),
    peakRssMb: round(peakKb / 1024),
    cliExitCode,
  };
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function markdown(results: BackpressureResults): string {
  const s = results.settings;
  const mib = (bytes: number) => round(bytes / 1024 / 1024);
  const parts = [
    `## intercom-sync back-pressure benchmark (${results.generatedAt})`,
    `Command: \`${results.command}\`\n\n` +
    `The CLI exports ${s.contacts} contacts (fake: ${results.fakeContacts}, seed ${s.seed}, zero latency, no effective rate limit, in its own process) ` +
    `as JSON lines into \`cli | reader\`. Fast reader: ${FAST_CHUNK / 1024} KiB reads, no pause. Slow reader: ${
      SLOW_CHUNK / 1024
    } KiB reads paced to ` +
    `${round(s.slowBytesPerSec / 1024 / 1024, 2)} MiB/s. Peak RSS of the CLI process by ${s.rssSource}. ` +
    `Machine: ${s.machine.cpus} CPUs, ${s.machine.platform}, ${s.machine.runtime}.`,
    table(
      ["reader", "records", "MiB", "s", "MiB/s", "peak RSS MiB", "count ok"],
      results.runs.map((
        run,
      ) => [run.consumer, run.records, mib(run.bytes), run.seconds, mib(run.bytesPerSec), run.peakRssMb, run.countMatches ? "yes" : "**no**"]),
    ),
    `Peak RSS slow / fast: **${results.rssRatio}×** (flat means ≤ ${results.flatThreshold}×): ` +
    (results.flat ? "**flat: yes**" : "**flat: no** — the slow reader made the CLI's memory grow") +
    ". Record counts " +
    (results.countsMatch
      ? `match the fake's ${results.fakeContacts} contacts in both runs.`
      : `**do not match** the fake's ${results.fakeContacts} contacts.`),
  ];
  if (s.quick) parts.push("(A --quick run: too small for its memory figures to mean anything.)");
  return `${parts.join("\n\n")}\n`;
}

async function bench(): Promise<number> {
  const quick = flags.quick === true;
  const contacts = intFlag("contacts", quick ? 2_000 : 200_000, 1);
  const seed = intFlag("seed", 1, 0);
  const slowBytesPerSec = intFlag("slow-bytes-per-sec", quick ? 16 * 1024 * 1024 : 2 * 1024 * 1024, 1);
  const outPath = flags.out ?? join(ROOT, "bench", "backpressure-results.json");
  const useTime = !flags["proc-rss"] && existsSync(TIME);
  if (!useTime && !existsSync("/proc/self/status")) {
    console.error(`neither ${TIME} nor /proc is available: cannot measure the CLI's peak RSS`);
    return 2;
  }

  const work = mkdtempSync(join(tmpdir(), "intercom-sync-backpressure-"));
  const fake = await startFakeProcess({
    seed,
    // A couple of hours in the past, so the search lag and "now" windows include everything.
    now: Math.floor(Date.now() / 1000) - 7200,
    sizes: { contacts, conversations: 0 },
    rateLimit: { limit: 1_000_000_000, windowMs: 10_000 },
    faults: { latencyMs: 0 },
  });
  try {
    const fakeContacts = await fakeContactsTotal(fake);
    const runs: BackpressureRun[] = [];
    for (const kind of ["fast", "slow"] as const) {
      log(`${kind} reader: exporting ${fakeContacts} contacts…`);
      const run = await runPipeline({ kind, url: fake.url, work, slowBytesPerSec, useTime });
      const countMatches = run.records === fakeContacts && run.lines === fakeContacts;
      runs.push({ ...run, countMatches });
      log(`${kind} reader: ${run.records} records, ${run.bytes} bytes in ${run.seconds} s, peak RSS ${run.peakRssMb} MiB`);
    }
    const [fast, slow] = runs as [BackpressureRun, BackpressureRun];
    const rssRatio = round(slow.peakRssMb / fast.peakRssMb, 2);
    const results: BackpressureResults = {
      generatedAt: new Date().toISOString(),
      command: ["bun run bench/backpressure.ts", ...process.argv.slice(2)].join(" "),
      settings: {
        contacts,
        seed,
        slowBytesPerSec,
        quick,
        rssSource: useTime ? "/usr/bin/time %M" : "/proc VmHWM polling",
        machine: { cpus: cpus().length, platform: `${process.platform}-${process.arch}`, runtime: `bun ${process.versions.bun ?? "?"}` },
      },
      fakeContacts,
      runs,
      rssRatio,
      flatThreshold: FLAT_RATIO,
      flat: rssRatio <= FLAT_RATIO,
      countsMatch: runs.every((run) => run.countMatches),
    };
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(markdown(results));
    log(`wrote ${outPath}`);
    return results.countsMatch ? 0 : 1;
  } finally {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  flags = parseFlags();
  if (flags.consume !== undefined) {
    if (flags.consume !== "fast" && flags.consume !== "slow") {
      console.error(`--consume wants fast or slow, got ${flags.consume}`);
      process.exit(2);
    }
    const report = consume(flags.consume, intFlag("slow-bytes-per-sec", 2 * 1024 * 1024, 1));
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.exitCode = await bench();
  }
}
