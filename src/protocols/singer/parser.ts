/** `intercom-sync singer …`: the Singer tap command line (the conventions Meltano runs taps with). */
import { object, or } from "@optique/core/constructs";
import { message } from "@optique/core/message";
import { optional, withDefault } from "@optique/core/modifiers";
import { constant, flag, option } from "@optique/core/primitives";
import { choice, string } from "@optique/core/valueparser";
import { ABOUT_FORMATS } from "./about.ts";

/** `--about [--format json|markdown|text]`: the Meltano SDK's self-description; needs no config. */
const about = object({
  command: constant("singer" as const),
  about: flag("--about", { description: message`Print what the tap is (name, version, capabilities, settings) and exit.` }),
  // Accepted (and not read) as SDK taps accept it beside --about.
  config: optional(option("--config", string({ metavar: "FILE" }), { description: message`Not needed with --about.` })),
  format: withDefault(
    option("--format", choice(ABOUT_FORMATS, { metavar: "FORMAT" }), {
      description: message`--about as text, json or markdown (the Meltano SDK's formats).`,
    }),
    "text" as const,
  ),
});

const tap = object({
  command: constant("singer" as const),
  about: constant(false as const),
  config: option("--config", string({ metavar: "FILE" }), {
    description:
      message`Tap config JSON: access_token (or INTERCOM_ACCESS_TOKEN), start_date, lookback_window, activity_logs_time_step, region, base_url, omit_internal_notes, report_window_days, report_reexport_days, report_pending_jobs, report_attributes, custom_object_types.`,
  }),
  discover: withDefault(flag("--discover", { description: message`Print the Singer catalog (schemas and metadata) and exit.` }), false),
  catalog: optional(
    option("--catalog", string({ metavar: "FILE" }), {
      description: message`Catalog JSON: the streams whose metadata says "selected": true (where unset, "selected-by-default") are read.`,
    }),
  ),
  properties: optional(option("--properties", string({ metavar: "FILE" }), { description: message`The same as --catalog (older taps' name).` })),
  state: optional(
    option("--state", string({ metavar: "FILE" }), {
      description:
        message`State from a previous run: the value of its last STATE message ({"bookmarks": …}), an Airbyte Intercom connector's or a Meltano SDK tap's state.`,
    }),
  ),
});

export const singerParser = or(tap, about, {
  errors: {
    noMatch: message`Missing option --config FILE (or --about): intercom-sync singer --config FILE [--discover | --catalog FILE] [--state FILE].`,
  },
});
