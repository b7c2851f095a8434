/**
 * The report streams' settings in the Airbyte and Singer configs: the CLI config file's `report-window-days`,
 * `report-reexport-days`, `report-pending-jobs` and `report-attributes`, spelt the protocols' way
 * (`report_window_days`, …), with the same bounds, defaults and meaning. `report_attributes` takes the CLI's text
 * (`tickets=ticket_id,ticket_state;conversation=…`) or an object of lists (`{"tickets": ["ticket_id"]}`).
 *
 * @example
 * const reports = parseReportConfig({ report_window_days: 3, report_attributes: "tickets=ticket_id" });
 * runSync({ ..., reports: { datasets, ...reports } });
 */
import * as v from "valibot";
import {
  parseReportAttributes,
  REPORT_BOUNDS,
  REPORT_DEFAULTS,
  type ReportAttributes,
  type ReportRunOptions,
} from "../engine/reports/report-settings.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { parseWith, readJsonFile } from "./airbyte/json-file.ts";

export type ReportConfig = Pick<ReportRunOptions, "windowDays" | "reexportDays" | "pendingJobs" | "attributes">;

/** The spec's properties for them, placed after the config's own (`order` from `firstOrder`). */
export function reportConfigProperties(firstOrder: number): Record<string, JsonSchema> {
  const days = (title: string, description: string, setting: keyof typeof REPORT_BOUNDS, order: number) => ({
    title,
    type: "integer",
    description,
    default: REPORT_DEFAULTS[setting],
    minimum: REPORT_BOUNDS[setting].min,
    maximum: REPORT_BOUNDS[setting].max,
    order,
  });
  return {
    report_window_days: days("Report window (days)", "Report streams: days per reporting export job, a file each.", "windowDays", firstOrder),
    report_reexport_days: days(
      "Report re-export (days)",
      "Report streams: export the last N days again on each run, as recent metrics change until conversations close.",
      "reexportDays",
      firstOrder + 1,
    ),
    report_pending_jobs: days(
      "Report jobs pending at once",
      "Report streams: export jobs pending at once (Intercom allows 5 per workspace; the rest is left to other tools).",
      "pendingJobs",
      firstOrder + 2,
    ),
    report_attributes: {
      title: "Report attributes",
      type: "string",
      description:
        "Report streams: only these attributes of these datasets, e.g. conversation=conversation_id,channel;tickets=ticket_id (ids or 2.16 qualified ids). Default: every attribute.",
      order: firstOrder + 3,
    },
  } as Record<string, JsonSchema>;
}

function whole(setting: keyof typeof REPORT_BOUNDS) {
  const { min, max } = REPORT_BOUNDS[setting];
  return v.optional(v.pipe(v.number("must be a number"), v.integer("must be a whole number"), v.minValue(min), v.maxValue(max)));
}

const Attributes = v.union(
  [
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const picked = parseReportAttributes(dataset.value);
        if (typeof picked === "string") {
          addIssue({ message: picked });
          return NEVER;
        }
        return picked;
      }),
    ),
    v.pipe(
      v.record(v.string(), v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), v.minLength(1, "must name an attribute"))),
      v.transform((picked): ReportAttributes => Object.fromEntries(Object.entries(picked).map(([id, ids]) => [id.replace(/^report_/, ""), ids]))),
    ),
  ],
  'must be "DATASET=ATTRIBUTE,…;…" or {"DATASET": ["ATTRIBUTE", …]}',
);

const ReportConfigSchema = v.looseObject({
  report_window_days: whole("windowDays"),
  report_reexport_days: whole("reexportDays"),
  report_pending_jobs: whole("pendingJobs"),
  report_attributes: v.optional(Attributes),
});

/** The report settings a config sets (the engine's defaults for the rest); throws ConfigError naming the bad key. */
export function parseReportConfig(value: unknown): ReportConfig {
  const config = parseWith(ReportConfigSchema, value, "config");
  const set = <K extends keyof ReportConfig>(key: K, setting: ReportConfig[K] | undefined) => setting === undefined ? {} : { [key]: setting };
  return {
    ...set("windowDays", config.report_window_days),
    ...set("reexportDays", config.report_reexport_days),
    ...set("pendingJobs", config.report_pending_jobs),
    ...set("attributes", config.report_attributes),
  };
}

/** The report settings of a config file (read again here: the run's Settings do not carry them). */
export async function loadReportConfig(path: string): Promise<ReportConfig> {
  return parseReportConfig(await readJsonFile(path, "config file"));
}
