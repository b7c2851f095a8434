/**
 * `--report-attributes conversation=conversation_id,channel;tickets=ticket_id`: the attributes to export of
 * some report streams (every attribute of the others). Ids or 2.16 qualified ids, as `intercom-sync reports` lists.
 * The syntax is engine/reports/report-settings.ts's, which the protocols' configs read too.
 */
import { message } from "@optique/core/message";
import type { ValueParser, ValueParserResult } from "@optique/core/valueparser";
import { parseReportAttributes, type ReportAttributes } from "../../engine/reports/report-settings.ts";

export type { ReportAttributes };

export function reportAttributes(): ValueParser<"sync", ReportAttributes> {
  return {
    mode: "sync",
    metavar: "DATASET=ATTR,…;…",
    placeholder: {},
    parse(input: string): ValueParserResult<ReportAttributes> {
      const picked = parseReportAttributes(input);
      if (typeof picked === "string") return { success: false, error: message`--report-attributes: ${picked}.` };
      return { success: true, value: picked };
    },
    format: (value: ReportAttributes) => Object.entries(value).map(([d, ids]) => `${d}=${ids.join(",")}`).join(";"),
  };
}
