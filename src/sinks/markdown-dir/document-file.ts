/**
 * A document record (src/engine/documents/) as the text of its `.md` file: YAML front matter of its metadata, then
 * exactly the `markdown` the document streams carry. Times are ISO 8601 UTC in the front matter (people read
 * them; loaders keep them as strings), unix seconds in the streams.
 */
import type { JsonRecord } from "../types.ts";
import { frontMatter, type FrontMatterValue } from "./front-matter.ts";

/** The metadata fields, in the order the file lists them; null and missing ones are left out. */
const FIELDS = [
  "id",
  "title",
  "url",
  "created_at",
  "updated_at",
  "state",
  "locale",
  "contacts",
  "assignee",
  "team",
  "tags",
  "channel",
  "rating",
  "ai_agent_resolution_state",
  "ticket_type",
  "collection_ids",
  "messages",
  "truncated",
] as const;

const TIMES: ReadonlySet<string> = new Set(["created_at", "updated_at"]);

export function documentFileText(document: JsonRecord): string {
  const fields: Record<string, FrontMatterValue | undefined> = {};
  for (const field of FIELDS) fields[field] = frontMatterValue(field, document[field]);
  return frontMatter(fields) + "\n" + String(document.markdown ?? "");
}

function frontMatterValue(field: string, value: unknown): FrontMatterValue | undefined {
  if (TIMES.has(field) && typeof value === "number" && Number.isFinite(value)) {
    return new Date(value * 1000).toISOString().replace(/\.000Z$/, "Z");
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    return value.filter((item): item is string | number | boolean => ["string", "number", "boolean"].includes(typeof item));
  }
  return undefined;
}
