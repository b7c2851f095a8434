/**
 * `verify`'s answer: a table (one row per stream) with the differences spelled out below it, or the same facts
 * as one JSON document (`--json`).
 */
import { table } from "./summary.ts";
import { outputMatches, type StreamVerdict } from "../../verify/compare.ts";

/** Ids listed per difference in the text report; --json lists them all. */
const SHOWN_IDS = 20;

const COMPARED_BY: Record<StreamVerdict["comparedBy"], string> = {
  ids: "ids",
  count: "count",
  parts: "parts",
  none: "—",
};

/** `matches` is null when nothing was compared; `notCompared` names the streams held but not compared. */
export function verifyJson(source: { sqlite?: string; output?: string }, verdicts: readonly StreamVerdict[]): string {
  const notCompared = verdicts.filter((v) => v.status === "not compared").map((v) => v.stream);
  return `${JSON.stringify({ ...source, matches: outputMatches(verdicts), notCompared, streams: verdicts }, null, 2)}\n`;
}

export function verifyText(verdicts: readonly StreamVerdict[]): string {
  const rows = verdicts.map((v) => [
    v.stream,
    COMPARED_BY[v.comparedBy],
    v.intercom === null ? "—" : String(v.intercom),
    String(v.held),
    missingCell(v),
    extraCell(v),
    v.status,
  ]);
  const lines = [table([["stream", "compared by", "Intercom", "held", "missing", "extra", "status"], ...rows])];
  const details = verdicts.flatMap(describe);
  if (details.length > 0) lines.push("", ...details);
  return `${lines.join("\n")}\n`;
}

function missingCell(v: StreamVerdict): string {
  if (v.comparedBy === "parts") return String((v.parts ?? []).filter((p) => p.held < p.intercom).length);
  const count = v.missing.length + Math.max(0, v.unexplained);
  return v.comparedBy === "none" ? "—" : String(count);
}

function extraCell(v: StreamVerdict): string {
  if (v.comparedBy === "parts") return String((v.parts ?? []).filter((p) => p.held > p.intercom).length);
  const count = v.extra.length + Math.max(0, -v.unexplained);
  return v.comparedBy === "none" ? "—" : String(count);
}

function ids(list: readonly string[]): string {
  const shown = list.slice(0, SHOWN_IDS).join(", ");
  return list.length > SHOWN_IDS ? `${shown} … (${list.length - SHOWN_IDS} more; --json lists all)` : shown;
}

function describe(v: StreamVerdict): string[] {
  const lines: string[] = [];
  const say = (text: string) => lines.push(`${v.stream}: ${text}`);
  if (v.error) say(`not compared: ${v.error}`);
  if (v.file) say(`file: ${v.file}`);
  if (v.missing.length > 0) say(`missing ${v.missing.length}: ${ids(v.missing)}`);
  if (v.extra.length > 0) say(`extra ${v.extra.length} (no longer in Intercom): ${ids(v.extra)}`);
  if (v.unexplained > 0) {
    say(
      `Intercom has ${v.unexplained} more than the output holds (by count only; \`verify\` names the ids only of records updated after the newest one held)`,
    );
  }
  if (v.unexplained < 0) say(`the output holds ${-v.unexplained} more than Intercom has (by count only: deleted in Intercom, or merged contacts)`);
  if (v.changed.length > 0) say(`changed in Intercom since the output (its copy is older) ${v.changed.length}: ${ids(v.changed)}`);
  for (const part of (v.parts ?? []).slice(0, SHOWN_IDS)) {
    say(`conversation ${part.conversation_id}: Intercom returns ${part.intercom} parts, ${part.held} held`);
  }
  if ((v.parts?.length ?? 0) > SHOWN_IDS) say(`… ${v.parts!.length - SHOWN_IDS} more conversations with differing parts (--json lists all)`);
  for (const over of v.unreachable ?? []) {
    say(
      `conversation ${over.conversation_id} has ${over.count} parts: Intercom returns the newest 500, the older ${
        over.count - 500
      } are unreachable (not counted as missing)`,
    );
  }
  if (v.note) say(v.status === "not compared" ? `not compared: ${v.note}` : v.note);
  return lines;
}
