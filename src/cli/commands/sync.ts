/** `intercom-sync [sync]`: resolve token, host and streams, then export. */
import { ConfigError } from "../../http/errors.ts";
import { checkHeaderValues } from "../../http/headers.ts";
import { runtime } from "../../runtime/mod.ts";
import { selectStreams } from "../../streams/select.ts";
import { chooseBaseUrl } from "../base-url-choice.ts";
import { createLogger } from "../logger.ts";
import type { CliCommand } from "../parser.ts";
import { runExport } from "../run-export.ts";

type SyncCommand = Extract<CliCommand, { command: "sync" }>;

export async function syncCommand(options: SyncCommand): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const token = options.token ?? runtime.env("INTERCOM_ACCESS_TOKEN");
  if (!token || token.trim() === "") {
    throw new ConfigError(
      "no Intercom access token: set INTERCOM_ACCESS_TOKEN (Developer Hub > your app > Authentication), or try `intercom-sync demo`",
    );
  }
  // Before the lock and the state file are touched: a pasted line break needs no run to be found.
  checkHeaderValues({ token: token.trim(), intercomVersion: options.intercomVersion });
  const baseUrl = chooseBaseUrl(options, logger);
  return runExport(
    {
      baseUrl,
      token,
      intercomVersion: options.intercomVersion,
      requestTimeoutMs: options.requestTimeout * 1000,
      allowInsecureHttp: options.allowInsecureHttp,
      streams: selectStreams(options.streams),
      statePath: options.state,
      sqlite: options.sqlite,
      since: options.since,
      fullRefresh: options.fullRefresh,
      lookbackDays: options.lookbackDays,
      searchLagMinutes: options.searchLagMinutes,
      windowDays: options.windowDays,
      activityLogsWindowDays: options.activityLogsWindowDays,
      concurrency: options.concurrency,
      failFast: options.failFast,
      format: options.format,
      output: options.output,
      maxDuration: options.maxDuration,
    },
    logger,
  );
}
