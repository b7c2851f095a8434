/** The `intercom-sync airbyte spec|check|discover|read` command line, registered in src/cli/parser.ts. */
import { object, or } from "@optique/core/constructs";
import { message } from "@optique/core/message";
import { optional } from "@optique/core/modifiers";
import { command, constant, option } from "@optique/core/primitives";
import { string } from "@optique/core/valueparser";

const config = option("--config", string({ metavar: "FILE" }), {
  description:
    message`Config JSON: access_token, start_date, lookback_window, activity_logs_time_step (the Airbyte Intercom source's keys), region, base_url, omit_internal_notes, report_window_days, report_reexport_days, report_pending_jobs, report_attributes, custom_object_types.`,
});

export const airbyteParser = object({
  command: constant("airbyte" as const),
  action: or(
    command("spec", object({ name: constant("spec" as const) }), { brief: message`Print the SPEC message (the config's JSON Schema).` }),
    command("check", object({ name: constant("check" as const), config }), {
      brief: message`Print CONNECTION_STATUS: is the config valid and the token accepted?`,
    }),
    command("discover", object({ name: constant("discover" as const), config }), {
      brief: message`Print the CATALOG of every stream.`,
    }),
    command(
      "read",
      object({
        name: constant("read" as const),
        config,
        catalog: option("--catalog", string({ metavar: "FILE" }), { description: message`Configured catalog JSON: the streams to read.` }),
        state: optional(
          option("--state", string({ metavar: "FILE" }), {
            description: message`State from a previous read: an array of STATE messages, or the legacy per-stream object.`,
          }),
        ),
      }),
      { brief: message`Read the selected streams as RECORD, STATE, LOG and TRACE messages.` },
    ),
  ),
});
