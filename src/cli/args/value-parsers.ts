/**
 * The value parsers for intercom-sync's own option types (a date, stream names, a file path, a duration, an API
 * version), so bad input fails at parse time with exit 2. Each option's declaration (options.ts) names its parser,
 * and the flag and the config file check values with it, so a bound or a choice cannot drift between the two.
 */
import { type Message, message, text } from "@optique/core/message";
import type { ValueParser, ValueParserResult } from "@optique/core/valueparser";
import { API_VERSIONS, type ApiVersion, isApiVersion } from "../../api-versions.ts";
import { isTooLong, MAX_DURATION_TEXT, parseDuration } from "../../settings/duration.ts";
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE, parseIsoDate } from "../../settings/iso-date.ts";
import { DOCUMENTED_REPORT_STREAMS, isReportStreamName } from "../../streams/report-names.ts";
import { closestName } from "./closest-name.ts";
import { isStreamName, STREAM_NAMES } from "../../streams/catalog.ts";
import type { StreamName } from "../../streams/catalog.ts";

export function isoDate(): ValueParser<"sync", number> {
  return {
    mode: "sync",
    metavar: "DATE",
    placeholder: 0,
    parse(input: string): ValueParserResult<number> {
      const value = parseIsoDate(input);
      if (value !== undefined && value < EARLIEST_DATE) return { success: false, error: message`${input} ${text(BEFORE_EARLIEST_DATE)}.` };
      if (value !== undefined) return { success: true, value };
      return {
        success: false,
        error: message`${input} is not a date intercom-sync understands; use ISO 8601, e.g. 2024-01-01 or 2024-01-01T00:00:00Z.`,
      };
    },
    format: (value: number) => new Date(value * 1000).toISOString(),
  };
}

/**
 * `contacts,conversations` → the stream names. An empty list is refused (an unset variable must not quietly mean
 * "the default set"), and an unknown name gets the closest valid one. The config file's "streams" comes here too.
 */
export function streamList(): ValueParser<"sync", StreamName[]> {
  return {
    mode: "sync",
    metavar: "STREAMS",
    placeholder: [],
    parse(input: string): ValueParserResult<StreamName[]> {
      const names = splitNames(input);
      if (names.length === 0) {
        return {
          success: false,
          error:
            message`${input} names no stream: give one or more, comma-separated (e.g. contacts,conversations; \`intercom-sync streams\` lists them), or leave the option out.`,
        };
      }
      // Report streams (report_<dataset>, reports) are the workspace's: checked once it answers.
      const unknown = names.filter((name) => !isStreamName(name) && !isReportStreamName(name));
      if (unknown.length > 0) return { success: false, error: unknownStreams(unknown) };
      return { success: true, value: [...new Set(names)] as StreamName[] };
    },
    format: (value: StreamName[]) => value.join(","),
    *suggest(prefix: string) {
      // The last name of a comma-separated list is the one being typed; those already listed are not offered again.
      const typed = prefix.split(",");
      const partial = typed.pop()!.trim();
      const before = typed.length > 0 ? `${typed.join(",")},` : "";
      const listed = new Set(typed.map((name) => name.trim()));
      for (const name of [...STREAM_NAMES, ...DOCUMENTED_REPORT_STREAMS]) {
        if (name.startsWith(partial) && !listed.has(name)) yield { kind: "literal" as const, text: `${before}${name}` };
      }
    },
  };
}

/**
 * `Order,Subscription` → the custom object type identifiers (--custom-object-types). An empty list is refused, as
 * for --streams; whether a type exists is the workspace's to say (a 404, said once by the run).
 */
export function customObjectTypes(): ValueParser<"sync", string[]> {
  return {
    mode: "sync",
    metavar: "TYPES",
    placeholder: [],
    parse(input: string): ValueParserResult<string[]> {
      const names = splitNames(input);
      if (names.length === 0) {
        return {
          success: false,
          error:
            message`${input} names no custom object type: give one or more identifiers, comma-separated (e.g. Order,Subscription), or leave the option out.`,
        };
      }
      return { success: true, value: [...new Set(names)] };
    },
    format: (value: string[]) => value.join(","),
  };
}

function splitNames(input: string): string[] {
  return input
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** `Unknown stream "contcts" (did you mean "contacts"?)`; the whole list only when no name is close. */
function unknownStreams(unknown: readonly string[]): Message {
  const described = unknown.map((name) => {
    const closest = closestName(name, STREAM_NAMES);
    return closest ? `"${name}" (did you mean "${closest}"?)` : `"${name}"`;
  });
  const plural = unknown.length === 1 ? "stream" : "streams";
  const anyGuess = described.some((part) => part.includes("did you mean"));
  const help = anyGuess ? "`intercom-sync streams` lists them all" : `valid streams are ${STREAM_NAMES.join(",")}`;
  return message`Unknown ${text(plural)} ${text(described.join(", "))}; ${text(help)}.`;
}

/**
 * A file path that is not empty: `--sqlite ""` (an unset variable in a workflow) must not quietly mean "no
 * database" and send every record to stdout.
 */
export function filePath(flag: string): ValueParser<"sync", string> {
  return {
    mode: "sync",
    metavar: "FILE",
    placeholder: "",
    parse(input: string): ValueParserResult<string> {
      if (input.trim() !== "") return { success: true, value: input };
      return { success: false, error: message`${flag} needs a file name, not an empty value (an unset variable?).` };
    },
    format: (value: string) => value,
  };
}

export function duration(): ValueParser<"sync", { ms: number; text: string }> {
  return {
    mode: "sync",
    metavar: "DURATION",
    placeholder: { ms: 0, text: "" },
    parse(input: string): ValueParserResult<{ ms: number; text: string }> {
      const value = parseDuration(input);
      if (value === undefined) {
        return { success: false, error: message`${input} is not a duration; use hours, minutes and seconds, e.g. 5h30m, 90m or 45s.` };
      }
      if (isTooLong(value)) {
        return {
          success: false,
          error: message`${input} is too long: a duration is at most ${
            text(MAX_DURATION_TEXT)
          } (a year); give a shorter one, e.g. 5h30m, or none for no limit.`,
        };
      }
      return { success: true, value };
    },
    format: (value) => value.text,
  };
}

/**
 * `2.16` → the API version, refusing the ones whose schemas do not ship: records of another version would be
 * checked against the wrong schemas (and Intercom may answer in a shape nothing here knows).
 */
export function apiVersion(): ValueParser<"sync", ApiVersion> {
  return {
    mode: "sync",
    metavar: "VERSION",
    placeholder: API_VERSIONS[0],
    parse(input: string): ValueParserResult<ApiVersion> {
      const version = input.trim();
      if (isApiVersion(version)) return { success: true, value: version };
      return {
        success: false,
        error: message`Intercom API version ${input} is not one intercom-sync has schemas for; use one of ${text(API_VERSIONS.join(", "))}.`,
      };
    },
    format: (value: ApiVersion) => value,
    *suggest(prefix: string) {
      for (const version of API_VERSIONS) if (version.startsWith(prefix)) yield { kind: "literal" as const, text: version };
    },
  };
}
