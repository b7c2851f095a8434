/**
 * `intercom-sync verify`: compare a `--sqlite` database or an `--output` JSON lines file with Intercom's own
 * numbers, in a few requests per stream (src/verify/compare.ts says which comparison each stream gets). Prints a
 * table per stream (or `--json`); exit 0 when the output matches, 6 when it does not, 1 when a stream could not
 * be compared, 2/3 for settings and token as everywhere.
 * @example
 * intercom-sync verify --sqlite intercom.db
 * intercom-sync verify --output intercom.jsonl --json | jq '.streams[] | select(.matches | not)'
 */
import { ConfigError } from "../../errors.ts";
import { connect } from "../../settings/connect.ts";
import { selectStreams } from "../../streams/select.ts";
import { STREAMS } from "../../streams/catalog.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import { compareOutput } from "../../verify/compare.ts";
import { heldInJsonl } from "../../verify/held-jsonl.ts";
import { heldInSqlite } from "../../verify/held-sqlite.ts";
import { verifyJson, verifyText } from "../../verify/report.ts";
import { cliSettings } from "../connection-settings.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger } from "../logger.ts";
import type { CliCommand } from "../parser.ts";

type VerifyCommand = Extract<CliCommand, { command: "verify" }>;

export async function verifyCommand(options: VerifyCommand, write: (text: string) => void): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  if ((options.sqlite === undefined) === (options.output === undefined)) {
    throw new ConfigError("verify needs the output to compare: --sqlite FILE or --output FILE (one of them)");
  }
  const settings = cliSettings(options, logger);
  // Every stream unless named: the output decides which it holds (opt-in ones included).
  const streams: readonly StreamDefinition[] = options.streams ? selectStreams(options.streams) : STREAMS;
  const names = new Set(streams.map((stream) => stream.name));
  const held = options.sqlite ? await heldInSqlite(options.sqlite, names) : await heldInJsonl(options.output!, names);
  const absent = (options.streams ?? []).filter((name) => !held.streams.has(name));
  if (absent.length > 0) logger.warn(`not in the output, so not compared: ${absent.join(", ")}`);

  // The run's full retry policy: companies and full tables may take a few hundred requests, rate limits waited out.
  const connection = connect(settings, {
    retries: "run",
    onEvent: (event) => logger.debug(event.message, { event: event.kind, stream: event.stream }),
  });
  try {
    // A wrong URL or token is one message and its exit code, not a table of identical errors.
    await connection.client.request({ method: "GET", path: "/me", connectionCheck: true });
    const verdicts = await compareOutput(
      { client: connection.client, signal: connection.signal, intercomVersion: settings.intercomVersion, now: Math.floor(Date.now() / 1000) },
      streams,
      held,
    );
    const source = options.sqlite ? { sqlite: options.sqlite } : { output: options.output! };
    write(options.json ? verifyJson(source, verdicts) : verifyText(verdicts));
    if (verdicts.some((verdict) => !verdict.matches && !verdict.error)) return EXIT.differences;
    if (verdicts.some((verdict) => verdict.error)) return EXIT.failure;
    logger.info(`the output matches Intercom (${verdicts.length} streams)`);
    return EXIT.ok;
  } finally {
    connection.close();
  }
}
