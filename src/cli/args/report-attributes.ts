/**
 * `--report-attributes conversation=conversation_id,channel;tickets=ticket_id`: the attributes to export of
 * some report streams (every attribute of the others). Ids or 2.16 qualified ids, as `intercom-sync reports` lists.
 */
import { message } from "@optique/core/message";
import type { ValueParser, ValueParserResult } from "@optique/core/valueparser";

export type ReportAttributes = Record<string, string[]>;

export function reportAttributes(): ValueParser<"sync", ReportAttributes> {
  return {
    mode: "sync",
    metavar: "DATASET=ATTR,…;…",
    placeholder: {},
    parse(input: string): ValueParserResult<ReportAttributes> {
      const picked: ReportAttributes = {};
      for (const part of input.split(";").map((p) => p.trim()).filter(Boolean)) {
        const [dataset, list] = part.split("=", 2).map((s) => s.trim());
        const ids = (list ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        if (!dataset || ids.length === 0) {
          return {
            success: false,
            error: message`${part} is not DATASET=ATTRIBUTE,… (e.g. conversation=conversation_id,channel; \`intercom-sync reports\` lists them).`,
          };
        }
        picked[dataset.replace(/^report_/, "")] = ids;
      }
      if (Object.keys(picked).length === 0) return { success: false, error: message`--report-attributes names no attribute.` };
      return { success: true, value: picked };
    },
    format: (value: ReportAttributes) => Object.entries(value).map(([d, ids]) => `${d}=${ids.join(",")}`).join(";"),
  };
}
