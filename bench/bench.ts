/**
 * `npm run bench`: how fast intercom-sync exports, side by side with `--concurrency 1` and with the sequential
 * export a JS user would write with the official SDK, against the fake Intercom at a realistic latency and
 * rate limit. Each configuration runs in its own process against its own fake (also in its own process).
 * Configurations: ours-default, ours-default-parts-only (conversation_parts alone, for the rate-limit target),
 * ours-default-contacts-only (contacts alone, compared with the SDK, which also reads one stream at a time),
 * ours-concurrency-1 (time-capped), sdk-sequential (time-capped), then ours at zero latency against the local
 * JSON.parse + SQLite ceiling and the HTTP floor (what receiving the same answers costs, which the ceiling leaves
 * out), and the compiled binary's `--version` time.
 * Prints a markdown report and writes bench/results.json.
 *
 * Flags (defaults in brackets):
 *   --contacts N [50000]  --conversations N [10000]  --max-parts N [6]  --seed N [1]
 *   --latency MS [150]    --limit N [1666]           --window-ms MS [10000]
 *   --cap-seconds S [30]  the SDK baseline reads each stream for at most S s; ours --concurrency 1 runs ≤ 3·S s
 *   --size 1m             1M contacts, only intercom-sync at its defaults into SQLite: the memory and throughput
 *                         targets (latency defaults to 0 there: the rate limit is the only brake, and 1M contacts
 *                         at 150 ms take ~20 minutes), then the same with the limit raised 1.5× (the headroom);
 *                         ends with one SUMMARY line: share of the rate limit, peak RSS, CPU per thread, headroom,
 *                         the export's digest.
 *   --skip-headroom       with --size 1m: leave out the headroom run
 *   --output jsonl        with --size 1m: JSON lines into a file (as `--output`) instead of SQLite
 *   --contact-ids scattered  contact ids in no order along the search, as a real workspace's contacts sorted by
 *                         updated_at (the fake's ids otherwise rise with it, so an upsert keyed by id only appends)
 *   --quick               a tiny run (300 contacts, 60 conversations, 5 ms latency, 5 s cap) for the smoke test
 *   --skip-zero-latency   leave out the zero-latency run and the local ceiling
 *   --zero-latency-only   only the zero-latency run and the local ceiling (and --version): quick to iterate on
 *   --incremental-only    only the requests of a full, a no-change and a 1 %-change run, company_segments by
 *                         segment listing (with the companies' segments lists filled, and empty) and per company,
 *                         counted by the fake (bench/incremental.ts),
 *                         on --companies N [20000] in --segments N [30] (15,000 memberships), --contacts N
 *                         [100000], --conversations N [20000]; the default run measures it too, at those sizes
 *   --out PATH [bench/results.json]
 * @example
 * bun run bench/bench.ts --contacts 20000 --conversations 4000
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { FakeOptions } from "../src/fake/mod.ts";
import { timeBinaryVersion } from "./binary.ts";
import { runChild } from "./child.ts";
import { FAKE_TOKEN, startFakeProcess } from "../tests/helpers/fake-process.ts";
import type { HttpFloorArgs, HttpFloorReport } from "./http-floor.ts";
import type { CeilingArgs, CeilingReport } from "./local-ceiling.ts";
import {
  CONFIG,
  type ConfigFigures,
  configFigures,
  HEADROOM_FACTOR,
  markdown,
  ratios,
  type Results,
  type Settings,
  targets,
  throughputSummary,
  zeroLatency,
} from "./report.ts";
import { type IncrementalArgs, incrementalMarkdown, type IncrementalReport } from "./incremental.ts";
import type { OursArgs } from "./run-ours.ts";
import type { SdkArgs } from "./run-sdk.ts";
import { BENCH_STREAMS, type RunReport } from "./types.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const helper = (name: string) => join(ROOT, "bench", name);

const { values: flags } = parseArgs({
  options: {
    contacts: { type: "string" },
    conversations: { type: "string" },
    "max-parts": { type: "string" },
    seed: { type: "string" },
    latency: { type: "string" },
    limit: { type: "string" },
    "window-ms": { type: "string" },
    "cap-seconds": { type: "string" },
    size: { type: "string" },
    quick: { type: "boolean", default: false },
    "skip-zero-latency": { type: "boolean", default: false },
    "zero-latency-only": { type: "boolean", default: false },
    "incremental-only": { type: "boolean", default: false },
    "skip-headroom": { type: "boolean", default: false },
    output: { type: "string" },
    "contact-ids": { type: "string" },
    companies: { type: "string" },
    segments: { type: "string" },
    out: { type: "string" },
  },
  strict: true,
});

function intFlag(name: keyof typeof flags, fallback: number, min = 0): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(value) || value < min) {
    console.error(`--${name} wants an integer ≥ ${min}, got ${String(raw)}`);
    process.exit(2);
  }
  return value;
}

if (flags.size !== undefined && flags.size.toLowerCase() !== "1m") {
  console.error(`--size accepts only 1m, got ${flags.size}`);
  process.exit(2);
}
const mode: Settings["mode"] = flags.size ? "1m" : flags.quick ? "quick" : "default";
const limit = intFlag("limit", 1666, 1);
const windowMs = intFlag("window-ms", 10_000, 1);
const settings: Settings = {
  command: ["bun run bench/bench.ts", ...process.argv.slice(2)].join(" "),
  mode,
  seed: intFlag("seed", 1),
  contacts: intFlag("contacts", mode === "1m" ? 1_000_000 : mode === "quick" ? 300 : 50_000),
  conversations: intFlag("conversations", mode === "1m" ? 0 : mode === "quick" ? 60 : 10_000),
  maxParts: intFlag("max-parts", 6, 1),
  latencyMs: intFlag("latency", mode === "1m" ? 0 : mode === "quick" ? 5 : 150),
  rateLimit: { limit, windowMs },
  ceilingRequestsPerSec: limit / (windowMs / 1000),
  capSeconds: intFlag("cap-seconds", mode === "quick" ? 5 : 30, 1),
  machine: { cpus: cpus().length, platform: `${process.platform}-${process.arch}`, runtime: `bun ${process.versions.bun ?? "?"}` },
};
const outPath = flags.out ?? join(ROOT, "bench", "results.json");
if (flags.output !== undefined && flags.output !== "jsonl") {
  console.error(`--output accepts only jsonl (SQLite is the default), got ${flags.output}`);
  process.exit(2);
}
const output = flags.output === "jsonl" ? "jsonl" : "sqlite";
if (flags["contact-ids"] !== undefined && flags["contact-ids"] !== "scattered") {
  console.error(`--contact-ids accepts only scattered (ids rising with updated_at are the default), got ${flags["contact-ids"]}`);
  process.exit(2);
}
const scatteredContactIds = flags["contact-ids"] === "scattered";

/** Requests per incremental run, counted by the fake: the workspace of issue 17 unless flags say otherwise. */
function measureIncrementalRuns(): Promise<IncrementalReport> {
  const args: IncrementalArgs = {
    seed: settings.seed,
    sizes: {
      companies: intFlag("companies", 20_000, 1),
      segments: intFlag("segments", 30, 1),
      // 30 segments at 1 in 40 each: 0.75 memberships per company, 15,000 for 20,000 companies.
      companySegmentOdds: 40,
      contacts: intFlag("contacts", 100_000),
      conversations: intFlag("conversations", 20_000),
      maxParts: settings.maxParts,
    },
    changeShare: 0.01,
  };
  log(`incremental runs: ${args.sizes.companies} companies, ${args.sizes.contacts} contacts, ${args.sizes.conversations} conversations…`);
  return runChild<IncrementalReport>(helper("incremental.ts"), args);
}

const work = mkdtempSync(join(tmpdir(), "intercom-sync-bench-"));
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function fakeOptions(overrides: Partial<FakeOptions> = {}): FakeOptions {
  return {
    seed: settings.seed,
    sizes: { contacts: settings.contacts, conversations: settings.conversations, maxParts: settings.maxParts },
    rateLimit: settings.rateLimit,
    faults: { latencyMs: settings.latencyMs },
    ...(scatteredContactIds ? { scatteredContactIds } : {}),
    ...overrides,
  };
}

/** One configuration against its own fresh fake (fresh rate-limit window, fresh counters). */
async function measure(
  description: string,
  script: string,
  args: (url: string) => OursArgs | SdkArgs,
  fake: FakeOptions = fakeOptions(),
): Promise<ConfigFigures> {
  const server = await startFakeProcess(fake);
  try {
    const started = args(server.url);
    log(`${started.config}: ${description}…`);
    const loadBefore = loadavg()[0]!;
    const run = await runChild<RunReport>(helper(script), started);
    const loadAfter = loadavg()[0]!;
    if (Math.max(loadBefore, loadAfter) > settings.machine.cpus) {
      log(`warning: load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${settings.machine.cpus} CPUs: other work skews this run`);
    }
    const counters = await server.counters();
    const ceiling = fake.rateLimit ? fake.rateLimit.limit / (fake.rateLimit.windowMs / 1000) : settings.ceilingRequestsPerSec;
    const figures = configFigures(run, counters, description, ceiling, [loadBefore, loadAfter]);
    log(`${started.config}: done in ${figures.elapsedSeconds} s, ${counters.requests} requests, ${counters.rateLimited} × 429`);
    return figures;
  } finally {
    await server.close();
  }
}

const ours = (config: string, streams: readonly string[], extra: Partial<OursArgs> = {}) => (url: string): OursArgs => ({
  config,
  url,
  token: FAKE_TOKEN,
  dbPath: join(work, `${config}.sqlite`),
  streams: [...streams],
  ...extra,
});

/** --size 1m: the run's one-line verdict, printed last (throughputSummary). */
let summaryLine: string | undefined;

try {
  const configurations: ConfigFigures[] = [];
  let results: Omit<Results, "targets">;
  if (flags["incremental-only"]) {
    const incremental = await measureIncrementalRuns();
    const outcome = { generatedAt: new Date().toISOString(), command: settings.command, incremental };
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, `${JSON.stringify(outcome, null, 2)}\n`);
    process.stdout.write(incrementalMarkdown(incremental));
    log(`wrote ${outPath}`);
    process.exit(incremental.sameExports ? 0 : 1);
  }
  if (mode === "1m") {
    const into = `${output === "jsonl" ? "a JSON lines file" : "SQLite"}${scatteredContactIds ? " (contact ids scattered)" : ""}`;
    const base = await measure(
      `intercom-sync at its defaults, contacts only, ${settings.contacts} contacts into ${into}`,
      "run-ours.ts",
      ours(CONFIG.memory, ["contacts"], { digest: true, output }),
    );
    configurations.push(base);
    let headroom: ConfigFigures | undefined;
    if (!flags["skip-headroom"]) {
      const raised = { limit: Math.round(limit * HEADROOM_FACTOR), windowMs };
      headroom = await measure(
        `the same with the fake's rate limit raised ${HEADROOM_FACTOR}× (${raised.limit} per ${windowMs / 1000} s): the headroom`,
        "run-ours.ts",
        ours(CONFIG.headroom, ["contacts"], { digest: true, output }),
        fakeOptions({ rateLimit: raised }),
      );
      if (headroom.digest !== base.digest) log(`warning: the headroom run exported something else (digest ${headroom.digest} vs ${base.digest})`);
      configurations.push(headroom);
    }
    summaryLine = throughputSummary(base, headroom, into);
    results = { generatedAt: new Date().toISOString(), settings, configurations, ratios: [] };
  } else if (flags["zero-latency-only"]) {
    results = { generatedAt: new Date().toISOString(), settings, configurations, ratios: [] };
  } else {
    const oursDefault = await measure(
      "intercom-sync at its defaults (engine default concurrency, as the CLI without --concurrency), into SQLite",
      "run-ours.ts",
      ours(CONFIG.oursDefault, BENCH_STREAMS),
    );
    const partsOnly = await measure(
      "intercom-sync at its defaults, conversation_parts alone (the conversations search is read but not written)",
      "run-ours.ts",
      ours(CONFIG.partsOnly, ["conversation_parts"]),
    );
    const contactsOnly = await measure(
      "intercom-sync at its defaults, contacts alone (as the SDK baseline reads them: one stream at a time)",
      "run-ours.ts",
      ours(CONFIG.contactsOnly, ["contacts"]),
    );
    const sequential = await measure(
      `intercom-sync --concurrency 1 into SQLite, stopped after at most ${3 * settings.capSeconds} s`,
      "run-ours.ts",
      ours(CONFIG.oursSequential, BENCH_STREAMS, { concurrency: 1, capSeconds: 3 * settings.capSeconds }),
    );
    const sdk = await measure(
      "official intercom-client SDK, sequential: contacts search pager, then the conversations search pager with conversations.find for each (its parts), JSON lines to a file, per_page 150",
      "run-sdk.ts",
      (url): SdkArgs => ({ config: CONFIG.sdk, url, token: FAKE_TOKEN, outPath: join(work, "sdk.jsonl"), capSeconds: settings.capSeconds }),
    );
    configurations.push(oursDefault, sequential, sdk, partsOnly, contactsOnly);
    results = {
      generatedAt: new Date().toISOString(),
      settings,
      configurations,
      ratios: ratios(oursDefault, sequential, sdk, [contactsOnly, partsOnly]),
    };
  }
  if (mode !== "1m" && !flags["skip-zero-latency"]) {
    const unlimited = { limit: 1_000_000_000, windowMs: 10_000 };
    const tool = await measure(
      "intercom-sync at its defaults, zero latency and no effective rate limit",
      "run-ours.ts",
      ours(CONFIG.zeroLatency, BENCH_STREAMS),
      fakeOptions({ faults: { latencyMs: 0 }, rateLimit: unlimited }),
    );
    log("local ceiling: JSON.parse + SQLite upsert of the same records, no HTTP…");
    const ceilingArgs: CeilingArgs = {
      seed: settings.seed,
      sizes: fakeOptions().sizes!,
      dbPath: join(work, "ceiling.sqlite"),
    };
    const ceiling = await runChild<CeilingReport>(helper("local-ceiling.ts"), ceilingArgs);
    log("HTTP floor: the same requests, bodies read as text, nothing parsed or written…");
    const floorFake = await startFakeProcess(fakeOptions({ faults: { latencyMs: 0 }, rateLimit: unlimited }));
    let floor: HttpFloorReport;
    try {
      floor = await runChild<HttpFloorReport>(
        helper("http-floor.ts"),
        { url: floorFake.url, token: FAKE_TOKEN, concurrency: 32 } satisfies HttpFloorArgs,
      );
    } finally {
      await floorFake.close();
    }
    results.zeroLatency = zeroLatency(tool, ceiling, floor);
  }
  let incremental: IncrementalReport | undefined;
  if (mode === "default" && !flags["zero-latency-only"]) incremental = await measureIncrementalRuns();
  const binary = join(ROOT, "dist", "intercom-sync");
  results.binaryVersion = timeBinaryVersion(binary, mode === "quick" ? 3 : 10) ?? null;
  const complete: Results = { ...results, targets: targets(results) };
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(complete, null, 2)}\n`);
  process.stdout.write(markdown(complete));
  if (incremental) {
    writeFileSync(outPath, `${JSON.stringify({ ...complete, incremental }, null, 2)}\n`);
    process.stdout.write(`\n${incrementalMarkdown(incremental)}`);
  }
  log(`wrote ${outPath}`);
  if (summaryLine) process.stdout.write(`\n${summaryLine}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
