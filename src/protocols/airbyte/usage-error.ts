/**
 * A command line the parser refuses in Airbyte mode (`intercom-sync airbyte …`), as the protocol wants every
 * failure: one TRACE ERROR line (failure_type config_error) the platform can show, besides the message on stderr.
 * @example
 * process.stdout.write(usageErrorTrace("Error: Missing option --catalog.", Date.now()));
 */
import { ConfigError } from "../../errors.ts";
import { traceFor } from "./errors.ts";

/** The JSON line (with its newline) of the TRACE ERROR for the parser's error text. */
export function usageErrorTrace(parserText: string, now: number): string {
  const message = parserText.trim().replace(/^Error: /, "") || "the command line is not valid (see intercom-sync airbyte --help)";
  return `${JSON.stringify(traceFor(new ConfigError(message), now))}\n`;
}
