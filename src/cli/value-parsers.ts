/** Value parsers for intercom-sync's own option types, so bad input fails at parse time with exit 2. */
import { message, text } from "@optique/core/message";
import type { ValueParser, ValueParserResult } from "@optique/core/valueparser";
import { API_VERSIONS, type ApiVersion, isApiVersion } from "../api-versions.ts";
import { parseDuration } from "../settings/duration.ts";
import { BEFORE_EARLIEST_DATE, EARLIEST_DATE, parseIsoDate } from "../settings/iso-date.ts";
import { STREAM_NAMES } from "../streams/catalog.ts";
import type { StreamName } from "../streams/catalog.ts";

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

/** `contacts,conversations` → the stream names, refusing unknown ones with the list of valid names. */
export function streamList(): ValueParser<"sync", StreamName[]> {
  return {
    mode: "sync",
    metavar: "STREAMS",
    placeholder: [],
    parse(input: string): ValueParserResult<StreamName[]> {
      const names = input
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name.length > 0);
      const unknown = names.filter((name) => !STREAM_NAMES.includes(name as StreamName));
      if (names.length === 0 || unknown.length > 0) {
        const bad = unknown.length > 0 ? unknown.join(", ") : "(none)";
        return {
          success: false,
          error: message`Unknown stream ${bad}; valid streams are ${STREAM_NAMES.join(",")}.`,
        };
      }
      return { success: true, value: [...new Set(names)] as StreamName[] };
    },
    format: (value: StreamName[]) => value.join(","),
  };
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
      if (value !== undefined) return { success: true, value };
      return { success: false, error: message`${input} is not a duration; use hours, minutes and seconds, e.g. 5h30m, 90m or 45s.` };
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
  };
}
