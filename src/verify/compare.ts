/**
 * `verify`'s comparison, stream by stream, of what an output holds with Intercom's own numbers. Each stream is
 * compared the cheapest way that still says something:
 * - `ids`: a full table (admins, tags, data attributes…) is listed whole, so missing and extra ids are exact;
 *   companies likewise through GET /companies (up to 10,000; it leaves out companies without users, so a held
 *   company it does not list is looked up by id: extra when Intercom answers 404);
 * - `count`: contacts, conversations and tickets compare the search's `total_count` with the live rows held,
 *   and list the few records updated after the newest one held: missing when not held, changed when held;
 * - `parts`: each held conversation's parts against the part count its record states (fresh from Intercom for
 *   conversations changed since), with those over the 500-part cap listed as unreachable, not missing;
 * - `none`: streams Intercom gives no cheap number for (activity logs, per-parent link tables), and
 *   conversation_parts when no held conversation states a part count to compare with.
 * A stream compared `none` is "not compared": it neither matches nor differs (`matches` null), so a report never
 * calls "ok" what it did not look at.
 */
import type { JsonRecord, StreamDefinition } from "../streams/types.ts";
import { type HeldOutput, type HeldStream, keyOf, partsPerConversation, statedPartCount } from "./held.ts";
import { companyGone, listCompanies, listWhole, searchChangedSince, searchTotal, type VerifyReader } from "./intercom-numbers.ts";
import { AuthError } from "../errors.ts";

/** Intercom returns at most this many parts of a conversation: the most recent ones. */
export const PART_CAP = 500;
/** Held companies GET /companies does not list are looked up one by one (a request each) up to this many. */
export const COMPANY_LOOKUP_LIMIT = 1_000;
/** Records updated since the output's newest are listed by id only while the search finds at most this many. */
export const CHANGED_LIST_LIMIT = 1_500;

export type ComparedBy = "ids" | "count" | "parts" | "none";

/** What the report says of a stream: compared and equal, compared and different, not compared, or a request failed. */
export type VerdictStatus = "ok" | "differs" | "not compared" | "error";

export interface PartDifference {
  conversation_id: string;
  /** Parts Intercom can return: its count, capped at 500. */
  intercom: number;
  held: number;
}

export interface StreamVerdict {
  stream: string;
  comparedBy: ComparedBy;
  /** Intercom's count (for `parts`: the parts it can return for the held conversations); null when not asked. */
  intercom: number | null;
  /** Live rows held. */
  held: number;
  /** Ids Intercom has that the output lacks. */
  missing: string[];
  /** Ids the output holds that Intercom no longer has. */
  extra: string[];
  /** Intercom's count minus the live rows held, beyond the ids named (positive: the output lacks records). */
  unexplained: number;
  /** Held ids Intercom has changed since the output's newest record (the held copy is older). */
  changed: string[];
  /** conversation_parts: conversations whose held parts differ from what Intercom can return. */
  parts?: PartDifference[];
  /** conversation_parts: conversations over the 500-part cap; their older parts cannot be read. */
  unreachable?: { conversation_id: string; count: number }[];
  /** What the comparison could not say, or why it was not made. */
  note?: string;
  /** The request failed: the stream was not compared. */
  error?: string;
  /** The output's file for the stream is not the rows compared (held.ts `fileProblem`): the stream differs. */
  file?: string;
  status: VerdictStatus;
  /** True when compared and equal, false when it differs or its request failed, null when not compared. */
  matches: boolean | null;
}

type Verdict = Omit<StreamVerdict, "matches" | "status">;

function verdict(stream: string, comparedBy: ComparedBy, held: HeldStream, fields: Partial<Verdict> = {}): StreamVerdict {
  const base: Verdict = { stream, comparedBy, intercom: null, held: held.keys.size, missing: [], extra: [], unexplained: 0, changed: [], ...fields };
  const same = base.missing.length === 0 && base.extra.length === 0 && base.unexplained === 0 && base.changed.length === 0 &&
    (base.parts?.length ?? 0) === 0;
  const status: VerdictStatus = base.error !== undefined ? "error" : comparedBy === "none" ? "not compared" : same ? "ok" : "differs";
  return { ...base, status, matches: status === "not compared" ? null : status === "ok" };
}

/** The whole output: null when no stream was compared, else whether every compared stream matches. */
export function outputMatches(verdicts: readonly StreamVerdict[]): boolean | null {
  const compared = verdicts.filter((v) => v.status !== "not compared");
  return compared.length === 0 ? null : compared.every((v) => v.status === "ok");
}

/** Exact: every id on both sides. */
async function compareWhole(reader: VerifyReader, stream: StreamDefinition, held: HeldStream): Promise<StreamVerdict> {
  const records = await listWhole(reader, stream);
  const intercom = new Set(records.map((record) => keyOf(stream.primaryKey, record)));
  return verdict(stream.name, "ids", held, {
    intercom: intercom.size,
    missing: [...intercom].filter((key) => !held.keys.has(key)),
    extra: [...held.keys].filter((key) => !intercom.has(key)),
  });
}

/**
 * GET /companies leaves out companies without users, so a held company it does not list is either that or deleted:
 * each is looked up (GET /companies/{id}, 404 once deleted) up to COMPANY_LOOKUP_LIMIT. Past that, or over the
 * list's 10,000 with more held than counted, whether held companies were deleted is not known: the stream is not
 * reported as matching.
 */
async function compareCompanies(reader: VerifyReader, stream: StreamDefinition, held: HeldStream): Promise<StreamVerdict> {
  const list = await listCompanies(reader, stream);
  if (!list.ids) {
    const surplus = held.keys.size - list.total;
    return verdict(stream.name, "count", held, {
      intercom: list.total,
      unexplained: Math.max(0, list.total - held.keys.size),
      note: `over ${
        list.total.toLocaleString("en")
      } companies: compared by count (GET /companies lists at most 10,000, and only companies with users)`,
      ...(surplus > 0
        ? {
          error:
            `${surplus} more held than GET /companies counts (deleted, or without users): too many to look up one by one, so deletions are not checked`,
        }
        : {}),
    });
  }
  const missing = list.ids.filter((id) => !held.keys.has(id));
  const listed = new Set(list.ids);
  const unlisted = [...held.keys].filter((id) => !listed.has(id)).sort();
  const looked = unlisted.slice(0, COMPANY_LOOKUP_LIMIT);
  const extra: string[] = [];
  for (const id of looked) if (await companyGone(reader, stream, id)) extra.push(id);
  const withoutUsers = looked.length - extra.length;
  const unchecked = unlisted.length - looked.length;
  return verdict(stream.name, "ids", held, {
    intercom: list.total,
    missing,
    extra,
    ...(withoutUsers > 0
      ? { note: `${withoutUsers} held companies are not in GET /companies, which leaves out companies without users; each was looked up and exists` }
      : {}),
    ...(unchecked > 0
      ? {
        error: `${unchecked} more held companies are not in GET /companies and were not looked up (over ${
          COMPANY_LOOKUP_LIMIT.toLocaleString("en")
        }): whether they were deleted is not known`,
      }
      : {}),
  });
}

/** `changed` receives the records updated since the newest held, when they were few enough to list. */
async function compareSearch(
  reader: VerifyReader,
  stream: StreamDefinition,
  held: HeldStream,
  changed: (records: JsonRecord[]) => void,
): Promise<StreamVerdict> {
  const total = await searchTotal(reader, stream);
  if (held.newest === undefined) {
    return verdict(stream.name, "count", held, { intercom: total, unexplained: total - held.keys.size });
  }
  const since = await searchChangedSince(reader, stream, held.newest, CHANGED_LIST_LIMIT);
  if (!since.records) {
    return verdict(stream.name, "count", held, {
      intercom: total,
      unexplained: total - held.keys.size,
      note: `about ${since.matched} updated in Intercom since the newest one held: too many to list`,
    });
  }
  changed(since.records);
  const ids = since.records.map((record) => keyOf(stream.primaryKey, record));
  const missing = ids.filter((id) => !held.keys.has(id));
  return verdict(stream.name, "count", held, {
    intercom: total,
    missing,
    changed: ids.filter((id) => held.keys.has(id)),
    unexplained: total - held.keys.size - missing.length,
  });
}

/**
 * conversation_parts: per held conversation, the parts Intercom can return (its stated count, capped at 500)
 * against the parts held. `fresh` holds the counts of conversations changed since the output.
 */
function compareParts(heldOutput: HeldOutput, parts: HeldStream, fresh: ReadonlyMap<string, number>): StreamVerdict {
  const heldParts = partsPerConversation(parts);
  const differences: PartDifference[] = [];
  const unreachable: { conversation_id: string; count: number }[] = [];
  let intercom = 0;
  const counts = new Map(heldOutput.conversationPartCounts);
  for (const [id, count] of fresh) counts.set(id, count);
  if (counts.size === 0) {
    return verdict("conversation_parts", "none", parts, {
      note:
        "no held conversation states its part count (statistics.count_conversation_parts), so there is nothing to compare the parts with: export and verify conversations with them",
    });
  }
  for (const [id, count] of counts) {
    const reachable = Math.min(count, PART_CAP);
    intercom += reachable;
    if (count > PART_CAP) unreachable.push({ conversation_id: id, count });
    const held = heldParts.get(id) ?? 0;
    if (held !== reachable) differences.push({ conversation_id: id, intercom: reachable, held });
  }
  const withoutCount = [...heldParts.keys()].filter((id) => !counts.has(id)).length;
  return verdict("conversation_parts", "parts", parts, {
    intercom,
    parts: differences,
    unreachable,
    ...(withoutCount > 0
      ? { note: `${withoutCount} conversations whose parts are held are not held themselves: their parts were not compared` }
      : {}),
  });
}

/** One verdict per stream the output holds (and `streams` names), in catalog order. */
export async function compareOutput(reader: VerifyReader, streams: readonly StreamDefinition[], held: HeldOutput): Promise<StreamVerdict[]> {
  let changedConversations: JsonRecord[] = [];
  const verdicts = new Map<string, StreamVerdict>();
  const attempt = async (stream: StreamDefinition, heldStream: HeldStream, run: () => Promise<StreamVerdict>) => {
    try {
      verdicts.set(stream.name, await run());
    } catch (error) {
      // A refused token ends the command (its own exit code); other failures leave this stream uncompared.
      if (reader.signal?.aborted || error instanceof AuthError) throw error;
      verdicts.set(
        stream.name,
        verdict(stream.name, "none", heldStream, { error: error instanceof Error ? error.message.split("\n", 1)[0]! : String(error) }),
      );
    }
  };
  for (const stream of streams) {
    const heldStream = held.streams.get(stream.name);
    if (!heldStream || stream.name === "conversation_parts") continue;
    const kind = stream.read.kind;
    if (stream.name === "companies") await attempt(stream, heldStream, () => compareCompanies(reader, stream, heldStream));
    else if (kind === "single" || kind === "list") await attempt(stream, heldStream, () => compareWhole(reader, stream, heldStream));
    else if (kind === "search") {
      await attempt(stream, heldStream, () =>
        compareSearch(reader, stream, heldStream, (records) => {
          if (stream.name === "conversations") changedConversations = records;
        }));
    } else {
      const why = stream.parent
        ? `rows of each ${stream.parent.stream} record: Intercom has no count for them`
        : "Intercom gives no count for it without reading it whole";
      verdicts.set(stream.name, verdict(stream.name, "none", heldStream, { note: why }));
    }
  }
  const parts = held.streams.get("conversation_parts");
  if (parts && streams.some((stream) => stream.name === "conversation_parts")) {
    // Conversations changed since the output state fresh part counts (when conversations were compared too).
    const fresh = new Map<string, number>();
    for (const record of changedConversations) {
      const count = statedPartCount(record);
      if (count !== undefined && held.streams.get("conversations")?.keys.has(String(record.id))) fresh.set(String(record.id), count);
    }
    verdicts.set("conversation_parts", compareParts(held, parts, fresh));
  }
  return streams.flatMap((stream) => {
    const found = verdicts.get(stream.name);
    const problem = held.streams.get(stream.name)?.fileProblem;
    if (found === undefined || problem === undefined) return found ?? [];
    return { ...found, file: problem, status: found.status === "error" ? "error" : "differs", matches: false } satisfies StreamVerdict;
  });
}
