/** Turns the children's raw reports into bench/results.json's figures, and those into a markdown report. */
import type { BinaryTiming } from "./binary.ts";
import type { HttpFloorReport } from "./http-floor.ts";
import type { CeilingReport } from "./local-ceiling.ts";
import type { FakeCounters, RateLimit, RunReport } from "./types.ts";

export const CONFIG = {
  oursDefault: "ours-default",
  oursSequential: "ours-concurrency-1",
  partsOnly: "ours-default-parts-only",
  contactsOnly: "ours-default-contacts-only",
  sdk: "sdk-sequential",
  zeroLatency: "ours-default-zero-latency",
  memory: "ours-default-1m-contacts",
  /** The same export with the fake's limit raised 1.5×: how far past the limit the tool could go. */
  headroom: "ours-default-1m-contacts-headroom",
} as const;

/** How much the headroom run raises the fake's rate limit. */
export const HEADROOM_FACTOR = 1.5;

export interface Settings {
  command: string;
  mode: "default" | "quick" | "1m";
  seed: number;
  contacts: number;
  conversations: number;
  maxParts: number;
  latencyMs: number;
  rateLimit: RateLimit;
  /** limit / window seconds: the most requests per second the workspace allows. */
  ceilingRequestsPerSec: number;
  /** The SDK baseline reads each stream for at most this long; ours --concurrency 1 runs at most 3× this. */
  capSeconds: number;
  machine: { cpus: number; platform: string; runtime: string };
}

export interface StreamFigures {
  stream: string;
  records: number;
  requests: number;
  seconds: number;
  recordsPerSec: number;
  requestsPerSec: number;
  /** requestsPerSec / ceilingRequestsPerSec. */
  ceilingShare: number;
  rateLimited: number;
  capped: boolean;
}

export interface ConfigFigures {
  config: string;
  description: string;
  elapsedSeconds: number;
  peakRssMb: number;
  /** CPU seconds of the measured process over its elapsed seconds (1 = one core busy all the time). */
  cpuShare: number;
  /** CPU seconds of the measured process, start-up included. */
  cpuSeconds?: number;
  /** 1-minute load average before and after the run: other work on the machine skews every figure. */
  loadAverage: [number, number];
  /** The fake's own counters for this run. */
  fake: FakeCounters;
  /** All requests of the run over its wall time, as a share of the ceiling. */
  runCeilingShare: number;
  capSeconds?: number;
  note?: string;
  streams: StreamFigures[];
  /** CPU per thread of the measured process (Linux), busiest first, as a share of the run's wall time. */
  threads?: { name: string; cpuSeconds: number; share: number }[];
  /** SHA-256 of what the run exported (bench/export-digest.ts), when asked. */
  digest?: string;
}

export interface Ratio {
  stream: string;
  vsSdk: number | null;
  vsConcurrency1: number | null;
}

export interface ZeroLatency {
  tool: ConfigFigures;
  ceiling: { stream: string; records: number; parseWriteMs: number; parseWriteCpuMs?: number; validateMs: number; recordsPerSec: number }[];
  toolRecordsPerSec: number;
  ceilingRecordsPerSec: number;
  /** toolRecordsPerSec / ceilingRecordsPerSec. */
  share: number;
  /**
   * The same per CPU second: the tool's whole process (start-up included) against the ceiling's timed work. The
   * per-record work, free of what the wall clock also counts here: the fake's own CPU (it shares the machine) and
   * time spent waiting for a core on a busy machine.
   */
  cpuShare?: number;
  ceilingPeakRssMb: number;
  /** What receiving the same answers costs (bench/http-floor.ts), which the ceiling leaves out. */
  httpFloor?: HttpFloorReport;
  /** ceiling CPU / (ceiling CPU + HTTP floor CPU): the best cpuShare an exporter that talks HTTP can reach. */
  reachableCpuShare?: number;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface Results {
  generatedAt: string;
  settings: Settings;
  configurations: ConfigFigures[];
  ratios: Ratio[];
  zeroLatency?: ZeroLatency;
  binaryVersion?: BinaryTiming | null;
  targets: Target[];
}

const round = (value: number, digits = 1) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export function configFigures(
  run: RunReport,
  fake: FakeCounters,
  description: string,
  ceilingRequestsPerSec: number,
  loadAverage: [number, number],
): ConfigFigures {
  const elapsedSeconds = run.elapsedMs / 1000;
  return {
    config: run.config,
    description,
    elapsedSeconds: round(elapsedSeconds, 2),
    peakRssMb: run.peakRssMb,
    cpuShare: round(run.cpuMs / Math.max(run.elapsedMs, 1), 2),
    cpuSeconds: round(run.cpuMs / 1000, 2),
    loadAverage: [round(loadAverage[0], 2), round(loadAverage[1], 2)],
    fake,
    runCeilingShare: round(fake.requests / elapsedSeconds / ceilingRequestsPerSec, 3),
    ...(run.capSeconds === undefined ? {} : { capSeconds: run.capSeconds }),
    ...(run.note === undefined ? {} : { note: run.note }),
    ...(run.threads === undefined ? {} : {
      threads: run.threads.map((thread) => ({
        name: thread.name,
        cpuSeconds: round(thread.cpuMs / 1000, 2),
        share: round(thread.cpuMs / Math.max(run.elapsedMs, 1), 3),
      })),
    }),
    ...(run.digest === undefined ? {} : { digest: run.digest }),
    streams: run.streams.map((stream) => {
      const seconds = Math.max(stream.durationMs, 1) / 1000;
      const requestsPerSec = stream.requests / seconds;
      return {
        stream: stream.stream,
        records: stream.records,
        requests: stream.requests,
        seconds: round(seconds, 2),
        recordsPerSec: round(stream.records / seconds),
        requestsPerSec: round(requestsPerSec, 2),
        ceilingShare: round(requestsPerSec / ceilingRequestsPerSec, 3),
        rateLimited: stream.rateLimited,
        capped: stream.capped,
      };
    }),
  };
}

/**
 * Ours over the SDK and over --concurrency 1, per stream. The SDK reads one stream after another, while ours
 * at defaults runs every stream at once on one rate budget; so against the SDK a stream is compared, where the
 * bench has one, with ours exporting that stream alone (`alone`).
 */
export function ratios(ours: ConfigFigures, sequential: ConfigFigures, sdk: ConfigFigures, alone: ConfigFigures[] = []): Ratio[] {
  const rate = (config: ConfigFigures, stream: string) => config.streams.find((s) => s.stream === stream)?.recordsPerSec;
  const divide = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? null : round(a / b, 2));
  const aloneRate = (stream: string) =>
    alone.map((config) => (config.streams.length === 1 ? rate(config, stream) : undefined)).find((value) => value !== undefined);
  return ours.streams.map((stream) => ({
    stream: stream.stream,
    vsSdk: divide(aloneRate(stream.stream) ?? stream.recordsPerSec, rate(sdk, stream.stream)),
    vsConcurrency1: divide(stream.recordsPerSec, rate(sequential, stream.stream)),
  }));
}

export function zeroLatency(tool: ConfigFigures, ceiling: CeilingReport, httpFloor?: HttpFloorReport): ZeroLatency {
  const toolRecords = tool.streams.reduce((sum, stream) => sum + stream.records, 0);
  const ceilingRecords = ceiling.streams.reduce((sum, stream) => sum + stream.records, 0);
  const ceilingMs = ceiling.streams.reduce((sum, stream) => sum + stream.parseWriteMs, 0);
  const toolRecordsPerSec = toolRecords / tool.elapsedSeconds;
  const ceilingRecordsPerSec = ceilingRecords / (Math.max(ceilingMs, 1) / 1000);
  const ceilingCpuMs = ceiling.streams.reduce((sum, stream) => sum + (stream.parseWriteCpuMs ?? Number.NaN), 0);
  const toolCpuMs = (tool.cpuSeconds ?? Number.NaN) * 1000;
  const cpuShare = toolRecords / toolCpuMs / (ceilingRecords / Math.max(ceilingCpuMs, 1));
  return {
    tool,
    ceiling: ceiling.streams.map((stream) => ({
      ...stream,
      recordsPerSec: round(stream.records / (Math.max(stream.parseWriteMs, 1) / 1000)),
    })),
    toolRecordsPerSec: round(toolRecordsPerSec),
    ceilingRecordsPerSec: round(ceilingRecordsPerSec),
    share: round(toolRecordsPerSec / ceilingRecordsPerSec, 3),
    ...(Number.isFinite(cpuShare) ? { cpuShare: round(cpuShare, 3) } : {}),
    ceilingPeakRssMb: ceiling.peakRssMb,
    ...(httpFloor && Number.isFinite(ceilingCpuMs)
      ? { httpFloor, reachableCpuShare: round(ceilingCpuMs / (ceilingCpuMs + httpFloor.httpCpuMs), 3) }
      : {}),
  };
}

const pct = (share: number) => `${round(share * 100)} %`;

export function targets(results: Omit<Results, "targets">): Target[] {
  const out: Target[] = [];
  // Judged on the run that exports conversation_parts alone: side by side, contacts take part of the budget.
  const alone = results.configurations.find((config) => config.config === CONFIG.partsOnly);
  const parts = alone?.streams.find((stream) => stream.stream === "conversation_parts");
  if (alone && parts) {
    const rejected = alone.fake.rateLimited / Math.max(alone.fake.requests, 1);
    out.push({
      name: "conversation_parts at the rate limit (exported alone)",
      target: "≥ 90 % of the ceiling, < 1 % answered 429",
      measured: `${pct(parts.ceilingShare)} of the ceiling (${parts.requestsPerSec} requests/s), ` +
        `${pct(rejected)} 429 (${alone.fake.rateLimited} of ${alone.fake.requests})`,
      met: parts.ceilingShare >= 0.9 && rejected < 0.01,
    });
  }
  for (const ratio of results.ratios) {
    const want = ratio.stream === "conversation_parts" ? 20 : 5;
    out.push({
      name: `${ratio.stream} vs the SDK baseline`,
      target: `≥ ${want}×`,
      measured: ratio.vsSdk === null ? "n/a" : `${ratio.vsSdk}×`,
      met: ratio.vsSdk === null ? null : ratio.vsSdk >= want,
    });
  }
  if (results.zeroLatency) {
    const zero = results.zeroLatency;
    out.push({
      name: "zero latency vs the local JSON+SQLite ceiling, wall clock (the fake's CPU included)",
      target: "≥ 80 %",
      measured: `${pct(zero.share)} (${zero.toolRecordsPerSec} vs ${zero.ceilingRecordsPerSec} records/s)`,
      met: zero.share >= 0.8,
    });
    if (zero.cpuShare !== undefined) {
      out.push({
        name: "zero latency vs the local JSON+SQLite ceiling, per CPU second (the per-record work)",
        target: "≥ 80 %",
        measured: pct(zero.cpuShare) + (zero.reachableCpuShare === undefined ? "" : ` (HTTP alone caps it at ${pct(zero.reachableCpuShare)})`),
        met: zero.cpuShare >= 0.8,
      });
    }
  }
  const memory = results.configurations.find((config) => config.config === CONFIG.memory);
  out.push({
    name: "peak RSS exporting 1M contacts to SQLite",
    target: "≤ 150 MB",
    measured: memory ? `${memory.peakRssMb} MiB` : "not measured in this run (use --size 1m)",
    met: memory ? memory.peakRssMb <= 150 : null,
  });
  if (results.binaryVersion !== undefined) {
    const binary = results.binaryVersion;
    out.push({
      name: "compiled binary --version",
      target: "≤ 50 ms (median)",
      measured: binary ? `${binary.medianMs} ms median of ${binary.runs}` : "dist/intercom-sync not built (npm run build)",
      met: binary ? binary.medianMs <= 50 : null,
    });
  }
  return out;
}

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Threads that used at least 2 % of one CPU, as `main 61 %, Worker 38 %`. */
export function threadShares(config: ConfigFigures): string {
  const busy = (config.threads ?? []).filter((thread) => thread.share >= 0.02);
  return busy.length === 0 ? "n/a" : busy.map((thread) => `${thread.name} ${pct(thread.share)}`).join(", ");
}

/**
 * The one line a 1M run is judged by: the share of the rate limit, peak RSS, each thread's CPU, the headroom
 * (the same export at 1.5× the limit, as a share of the normal limit) and the export's digest.
 */
export function throughputSummary(base: ConfigFigures, headroom: ConfigFigures | undefined, into = "SQLite"): string {
  const records = base.streams.reduce((sum, stream) => sum + stream.records, 0);
  const parts = [
    `${records} records into ${into} in ${base.elapsedSeconds} s`,
    `${pct(base.runCeilingShare)} of the rate limit`,
    `peak RSS ${base.peakRssMb} MiB`,
    `CPU: process ${pct(base.cpuShare)} of one core (${threadShares(base)})`,
  ];
  if (headroom) {
    parts.push(
      `headroom: at ${HEADROOM_FACTOR}× the limit ${pct(headroom.runCeilingShare * HEADROOM_FACTOR)} of the normal limit ` +
        `(${pct(headroom.runCeilingShare)} of the raised one, ${headroom.elapsedSeconds} s, peak RSS ${headroom.peakRssMb} MiB; ` +
        `CPU ${threadShares(headroom)})`,
    );
  }
  if (base.digest) parts.push(`export sha256 ${base.digest.slice(0, 16)}`);
  return `SUMMARY ${parts.join(" · ")}`;
}

export function markdown(results: Results): string {
  const s = results.settings;
  const parts: string[] = [];
  parts.push(`## intercom-sync benchmark (${results.generatedAt})`);
  parts.push(
    [
      `Command: \`${s.command}\``,
      `Fake workspace: ${s.contacts} contacts, ${s.conversations} conversations` +
      (s.conversations > 0 ? ` (1..${s.maxParts} parts each, a few > 500)` : "") +
      `, seed ${s.seed}; ` +
      `latency ${s.latencyMs} ms per response; rate limit ${s.rateLimit.limit} per ${s.rateLimit.windowMs / 1000} s ` +
      `(ceiling ${round(s.ceilingRequestsPerSec)} requests/s; windows are fixed and wall-clock aligned, so a run that starts ` +
      `mid-window gets that window's whole budget and a run of a minute can exceed 100 %). Machine: ${s.machine.cpus} CPUs, ${s.machine.platform}, ${s.machine.runtime}. ` +
      `The fake runs in its own process, one fresh fake per configuration.`,
    ].join("\n\n"),
  );
  parts.push(
    table(
      ["configuration", "stream", "records", "s", "records/s", "requests/s", "% of ceiling", "429s", "peak RSS MiB", "capped"],
      results.configurations.flatMap((config) =>
        config.streams.map((stream) => [
          config.config,
          stream.stream,
          stream.records,
          stream.seconds,
          stream.recordsPerSec,
          stream.requestsPerSec,
          pct(stream.ceilingShare),
          stream.rateLimited,
          config.peakRssMb,
          stream.capped ? "yes" : "",
        ])
      ),
    ),
  );
  parts.push(
    results.configurations
      .map(
        (config) =>
          `- **${config.config}**: ${config.description}. Whole run: ${config.elapsedSeconds} s, ${config.fake.requests} requests ` +
          `(${pct(config.runCeilingShare)} of the ceiling), ${config.fake.rateLimited} answered 429 by the fake; ` +
          `its process used ${pct(config.cpuShare)} of one CPU, the fake's ${pct(config.fake.cpuMs / 1000 / config.elapsedSeconds)}; load average ${
            config.loadAverage[0]
          } → ${config.loadAverage[1]}` +
          (config.note ? `; ${config.note}` : "") +
          ".",
      )
      .join("\n"),
  );
  const busy = [...results.configurations, ...(results.zeroLatency ? [results.zeroLatency.tool] : [])].filter(
    (config) => Math.max(...config.loadAverage) > s.machine.cpus,
  );
  if (busy.length > 0) {
    parts.push(
      `**Warning:** the load average exceeded the ${s.machine.cpus} CPUs during ${busy.map((config) => config.config).join(", ")}: ` +
        "other work on the machine slowed those runs, so treat their figures (and ratios built on them) with care, or run again on a quiet machine.",
    );
  }
  if (results.ratios.length > 0) {
    parts.push(
      "### Ratios (records/s of ours over the other; against the SDK, which reads one stream at a time, ours exporting that stream alone where the bench has such a run)",
    );
    parts.push(
      table(
        ["stream", "vs SDK sequential", "vs ours --concurrency 1"],
        results.ratios.map((ratio) => [ratio.stream, fmtRatio(ratio.vsSdk), fmtRatio(ratio.vsConcurrency1)]),
      ),
    );
  }
  if (results.zeroLatency) {
    const zero = results.zeroLatency;
    parts.push("### Zero latency vs the local ceiling (JSON.parse + select + SQLite upsert, no HTTP)");
    parts.push(
      table(
        [
          "stream",
          "tool records/s (zero latency, no rate limit)",
          "ceiling records/s",
          "ceiling parse+write ms",
          "schema validation ms (not in the ceiling)",
        ],
        zero.ceiling.map((ceiling) => [
          ceiling.stream,
          zero.tool.streams.find((stream) => stream.stream === ceiling.stream)?.recordsPerSec ?? "n/a",
          ceiling.recordsPerSec,
          ceiling.parseWriteMs,
          ceiling.validateMs,
        ]),
      ),
    );
    parts.push(
      `All three streams: tool ${zero.toolRecordsPerSec} records/s over its whole run (${zero.tool.elapsedSeconds} s, peak RSS ${zero.tool.peakRssMb} MiB) ` +
        `vs ceiling ${zero.ceilingRecordsPerSec} records/s: ${pct(zero.share)}. Per stream the tool's conversations and ` +
        `conversation_parts share one pass, so their per-stream rates share one duration.` +
        (zero.cpuShare === undefined
          ? ""
          : ` Per CPU second: ${pct(zero.cpuShare)} (the tool's process used ${zero.tool.cpuSeconds} CPU s, start-up ` +
            `included, the fake's ${round(zero.tool.fake.cpuMs / 1000, 2)} s; the ceiling's timed work ` +
            `${round(zero.ceiling.reduce((sum, c) => sum + (c.parseWriteCpuMs ?? 0), 0) / 1000, 2)} CPU s).`) +
        (zero.httpFloor && zero.reachableCpuShare !== undefined
          ? ` HTTP floor: the same ${zero.httpFloor.requests} requests, bodies read but not parsed, cost ` +
            `${round(zero.httpFloor.httpCpuMs / 1000, 2)} CPU s, which the ceiling leaves out; so no exporter that ` +
            `talks HTTP can pass ${pct(zero.reachableCpuShare)} of the ceiling per CPU second on this machine.`
          : ""),
    );
  }
  if (results.binaryVersion !== undefined) {
    const binary = results.binaryVersion;
    parts.push(
      binary
        ? `Compiled binary: \`${binary.path} --version\` median ${binary.medianMs} ms over ${binary.runs} runs (min ${binary.minMs}, max ${binary.maxMs}).`
        : "Compiled binary: dist/intercom-sync not found (build it with `npm run build`).",
    );
  }
  parts.push("### Targets");
  parts.push(
    table(
      ["target", "wanted", "measured", "met"],
      results.targets.map((target) => [target.name, target.target, target.measured, target.met === null ? "–" : target.met ? "yes" : "**no**"]),
    ),
  );
  return `${parts.join("\n\n")}\n`;
}

function fmtRatio(value: number | null): string {
  return value === null ? "n/a (the other wrote no records within its time cap)" : `${value}×`;
}
