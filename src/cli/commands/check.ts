/**
 * `intercom-sync check`: one cheap request per selected stream (src/check/check-streams.ts), to tell before a long
 * sync which streams the token can read. Prints stream, required Intercom permission and ok / missing / error. Exit
 * 0 when every selected stream is readable, 3 when the token is refused or lacks a permission, 2 when the URL or
 * settings are wrong, 1 for anything else (Intercom or the network failing).
 * @example
 * INTERCOM_ACCESS_TOKEN=… intercom-sync check --streams tickets,activity_logs
 */
import { checkReportStreams, type CheckRow, checkStreams } from "../../check/check-streams.ts";
import { reportVersion } from "../../engine/reports/report-settings.ts";
import type { ApiClient } from "../../http/types.ts";
import { connect } from "../../settings/connect.ts";
import { splitStreamNames } from "../../streams/report-names.ts";
import { selectStreams } from "../../streams/select.ts";
import type { CliCommand } from "../args/parser.ts";
import { CONNECTION_OPTIONS, LOGGING_OPTIONS } from "../args/options.ts";
import { cliSettings } from "../connection/resolve-settings.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger } from "../report/logger.ts";
import { table } from "../report/summary.ts";

type CheckCommand = Extract<CliCommand, { command: "check" }>;

/** What check takes from a sync's --config file: the workspace, the logging, and which streams and types to try. */
export const CHECK_CONFIG_FIELDS: ReadonlySet<string> = new Set<keyof CheckCommand>([
  ...(Object.keys(CONNECTION_OPTIONS) as (keyof typeof CONNECTION_OPTIONS)[]),
  ...(Object.keys(LOGGING_OPTIONS) as (keyof typeof LOGGING_OPTIONS)[]),
  "streams",
  "customObjectTypes",
]);

/** The table on stdout (it is the command's answer); advice goes to stderr. */
export function formatCheck(rows: readonly CheckRow[]): string {
  const cells = rows.map((row) => [row.stream, row.permission, row.reason ? `${row.status}: ${row.reason}` : row.status]);
  return `${table([["stream", "Intercom permission", "status"], ...cells])}\n`;
}

/**
 * GET /me first, as a sync does: a wrong address, certificate or header ends the check with one ConfigError
 * (exit 2) instead of a table of identical network errors. Anything else (a bad token, a 5xx) is left to the
 * per-stream probes, which report it row by row.
 */
async function connectionCheck(client: ApiClient): Promise<void> {
  await client.request({ method: "GET", path: "/me", connectionCheck: true });
}

export async function checkCommand(options: CheckCommand, write: (text: string) => void): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const settings = cliSettings(options, logger);
  const { client } = connect(settings, {
    retries: "check",
    handleSignals: false,
    onEvent: (event) => logger.debug(event.message, { event: event.kind, stream: event.stream }),
  });
  // One request any token may make, first: a wrong URL, region or token is then one message and its own exit
  // code (2 configuration, 3 token, 1 anything else, via describeFailure), not a table of identical errors, one per stream.
  await connectionCheck(client);
  const { catalog, datasets } = splitStreamNames(options.streams);
  const streams = catalog === undefined || catalog.length > 0 ? selectStreams(catalog) : [];
  if (options.customObjectTypes !== undefined && !streams.some((stream) => stream.name === "custom_object_instances")) {
    logger.warn("--custom-object-types is not checked: custom_object_instances is not among the streams (add it to --streams)");
  }
  const rows = await checkStreams({
    client,
    streams,
    now: Math.floor(Date.now() / 1000),
    intercomVersion: settings.intercomVersion,
    customObjectTypes: options.customObjectTypes,
  });
  if (datasets) rows.push(...(await checkReportStreams(client, datasets, reportVersion(settings.intercomVersion))));
  write(formatCheck(rows));

  const missing = rows.filter((row) => row.status === "missing");
  if (missing.length > 0) {
    const permissions = [...new Set(missing.map((row) => `"${row.permission}"`))].join(", ");
    logger.warn(`grant ${permissions} to the app in the Developer Hub, or leave ${missing.map((row) => row.stream).join(", ")} out of --streams`);
  }
  if (rows.every((row) => row.status === "ok")) logger.info(`all ${rows.length} streams are readable`);
  return checkExitCode(rows);
}

/** 3 only when the token is refused or lacks a permission; 2 when a setting names what is not there; other errors are 1. */
function checkExitCode(rows: readonly CheckRow[]): number {
  if (rows.some((row) => row.status === "missing" || row.authFailure)) return EXIT.auth;
  if (rows.some((row) => row.badSetting)) return EXIT.usage;
  if (rows.some((row) => row.status === "error")) return EXIT.failure;
  return EXIT.ok;
}
