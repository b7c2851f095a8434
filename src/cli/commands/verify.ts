/**
 * `intercom-sync verify`: compare a `--sqlite` database, an `--output` JSON lines file or a `--parquet`/`--csv`
 * directory (its staging rows, each file checked to be the one written from them) with Intercom's own
 * numbers, in a few requests per stream (src/verify/compare.ts says which comparison each stream gets). Prints a
 * table per stream (or `--json`); exit 0 when every compared stream matches, 6 when one does not, 1 when a stream's
 * comparison failed or nothing at all could be compared, 2/3 for settings and token as everywhere. A stream
 * Intercom gives no number for is "not compared", and does not change the exit code.
 * @example
 * intercom-sync verify --sqlite intercom.db
 * intercom-sync verify --output intercom.jsonl --json | jq '.streams[] | select(.status == "differs")'
 * intercom-sync verify --sqlite intercom.db --repair
 *
 * `--repair` first makes contacts, conversations and tickets hold exactly Intercom's ids (src/verify/repair.ts),
 * writing through the output's own sink (src/cli/repair-target.ts), then compares as above.
 */
import { withStreamVersions } from "../../engine/stream-version.ts";
import { ConfigError } from "../../errors.ts";
import { connect } from "../../settings/connect.ts";
import { splitStreamNames } from "../../streams/report-names.ts";
import { selectStreams } from "../../streams/select.ts";
import { STREAMS } from "../../streams/catalog.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import { compareOutput } from "../../verify/compare.ts";
import { verifyJson, verifyText } from "../report/verify-report.ts";
import { heldChildren, repairableStreams, repairStream } from "../../verify/repair.ts";
import { pagesFor } from "../../verify/read-ids.ts";
import { searchTotal, type VerifyReader } from "../../verify/intercom-numbers.ts";
import type { HeldOutput } from "../../verify/held.ts";
import type { Logger } from "../report/logger.ts";
import { parseWrittenOutput } from "../../outputs/output.ts";
import { outputEntry } from "../../outputs/registry.ts";
import type { RepairTarget } from "../../outputs/repair-target.ts";
import { cliSettings } from "../connection/resolve-settings.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger } from "../report/logger.ts";
import type { CliCommand } from "../args/parser.ts";

type VerifyCommand = Extract<CliCommand, { command: "verify" }>;

export async function verifyCommand(options: VerifyCommand, write: (text: string) => void): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const output = parseWrittenOutput(options);
  const entry = outputEntry(output);
  const settings = cliSettings(options, logger);
  // Every stream unless named: the output decides which it holds (opt-in ones included).
  // Report streams have no count in Intercom to compare with: not compared.
  const { catalog, datasets } = splitStreamNames(options.streams);
  if (datasets && catalog?.length === 0) {
    throw new ConfigError(
      "report streams cannot be verified: Intercom gives no count of a reporting dataset's rows to compare with; name other streams",
    );
  }
  const streams: readonly StreamDefinition[] = catalog ? selectStreams(catalog) : STREAMS;
  const names = new Set(streams.map((stream) => stream.name));
  const readHeld = () => entry.readHeld(output, names);
  // The file's lock first: no sync may append between what is read and what is repaired.
  const target = options.repair ? await entry.repairTarget(output, options.state) : undefined;
  const { flag, path } = entry.file(output);
  // The report names the output as its flag did: {"sqlite": …} or {"output": …}.
  const source = { [flag.slice(2)]: path };
  try {
    return await verifyWith(options, write, logger, settings, streams, readHeld, target, source);
  } finally {
    await target?.close();
  }
}

async function verifyWith(
  options: VerifyCommand,
  write: (text: string) => void,
  logger: Logger,
  settings: ReturnType<typeof cliSettings>,
  streams: readonly StreamDefinition[],
  readHeld: () => Promise<HeldOutput>,
  target: RepairTarget | undefined,
  source: Readonly<Record<string, string>>,
): Promise<number> {
  let held = await readHeld();
  const absent = (options.streams ?? []).filter((name) => !held.streams.has(name));
  if (absent.length > 0) logger.warn(`not in the output, so not compared: ${absent.join(", ")}`);

  // The run's full retry policy: companies and full tables may take a few hundred requests, rate limits waited out.
  const connection = connect(settings, {
    retries: "run",
    onEvent: (event) => logger.debug(event.message, { event: event.kind, stream: event.stream }),
  });
  try {
    // A wrong URL or token is one message and its exit code, not a table of identical errors.
    const me = await connection.client.request<{ app?: { id_code?: unknown } } | null>({ method: "GET", path: "/me", connectionCheck: true });
    // Streams that exist only from a later API version are asked with it, as a sync asks them.
    const client = withStreamVersions(connection.client, settings.intercomVersion);
    const reader: VerifyReader = { client, signal: connection.signal, intercomVersion: settings.intercomVersion, now: Math.floor(Date.now() / 1000) };
    if (target) {
      const idCode = me?.app?.id_code;
      target.checkWorkspace({ baseUrl: settings.baseUrl, ...(typeof idCode === "string" && idCode !== "" ? { appId: idCode } : {}) });
      if (await repair(reader, streams, held, target, settings.intercomVersion, logger)) {
        await target.publish?.();
        held = await readHeld();
      }
    }
    const verdicts = await compareOutput(reader, streams, held);
    write(options.json ? verifyJson(source, verdicts) : verifyText(verdicts));
    if (verdicts.some((verdict) => verdict.status === "differs")) return EXIT.differences;
    if (verdicts.some((verdict) => verdict.status === "error")) return EXIT.failure;
    const notCompared = verdicts.filter((verdict) => verdict.status === "not compared").map((verdict) => verdict.stream);
    const compared = verdicts.length - notCompared.length;
    // Streams Intercom has no number for never fail a verify, but they alone cannot pass one.
    if (compared === 0) {
      const held = notCompared.length === 0
        ? "the output holds none of the streams asked for"
        : `Intercom gives no number to compare ${notCompared.join(", ")} with (the report says why)`;
      logger.error(
        `nothing was compared: ${held}, so verify cannot say whether the output matches; name streams it can compare (see \`intercom-sync verify --help\`)`,
      );
      return EXIT.failure;
    }
    const skipped = notCompared.length === 0 ? "" : `; not compared: ${notCompared.join(", ")}`;
    logger.info(`the output matches Intercom (${compared} ${compared === 1 ? "stream" : "streams"} compared${skipped})`);
    return EXIT.ok;
  } finally {
    connection.close();
  }
}

/** Estimate first (one request per stream), then repair stream by stream; true when anything was written. */
async function repair(
  reader: VerifyReader,
  selected: readonly StreamDefinition[],
  held: HeldOutput,
  target: RepairTarget,
  version: VerifyReader["intercomVersion"],
  logger: Logger,
): Promise<boolean> {
  const streams = repairableStreams(selected, held);
  if (streams.length === 0) {
    logger.warn("--repair: the output holds none of contacts, conversations, tickets: nothing to repair");
    return false;
  }
  const totals = await Promise.all(streams.map((stream) => searchTotal(reader, stream)));
  const requests = totals.reduce((sum, total) => sum + pagesFor(total), 0);
  const each = streams.map((stream, i) => `${totals[i]!.toLocaleString("en")} ${stream.name}`).join(", ");
  logger.info(
    `--repair reads every id: ${each}: about ${
      requests.toLocaleString("en")
    } search requests (150 per page), plus one per conversation or ticket the output lacks when its parts are held`,
  );
  const sinkStreams = streams.flatMap((stream) => [stream, ...heldChildren(stream.name, held)]);
  const sink = await target.open(sinkStreams, version);
  let written = false;
  for (const stream of streams) {
    const result = await repairStream(reader, stream, held, sink, (text) => logger.info(`--repair ${text}`));
    logger.info(`--repair ${stream.name}: ${result.intercom} in Intercom; ${result.deleted} marked deleted, ${result.added} written`);
    written ||= result.deleted + result.added > 0;
  }
  return written;
}
