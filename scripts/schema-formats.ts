/**
 * Where a `format` from Intercom's OpenAPI description does not describe what Intercom sends, so a validating
 * target (formats on) would reject every such record: each correction names its fields and why.
 * scripts/gen-schemas.ts applies them after the type overrides (scripts/schema-overrides.ts), to every API
 * version; tests/schema/schema-formats.test.ts checks each still names a field, and
 * tests/protocols/declared-schemas.test.ts that records validate with formats checked.
 */
import type { JsonSchema } from "../src/schema/json-schema.ts";
import { schemaNodeAt } from "./schema-overrides.ts";

export interface FormatCorrection {
  streams: string[];
  /** Dotted paths from the record's root, `[]` for array items (as in schema-overrides.ts). */
  paths: string[];
  /** The format that describes the value, or undefined for none. */
  format: string | undefined;
  why: string;
}

/** The URL lists embedded in a contact: `{type: "list", url, data: [{type, id, url}], total_count, has_more}`. */
const CONTACT_LISTS = ["tags", "notes", "companies"];

/** A part's author, wherever parts appear. */
const AUTHOR_EMAILS = [
  "conversation_parts:author.email",
  "conversations:conversation_parts.conversation_parts[].author.email",
  "conversations:source.author.email",
  "ticket_parts:author.email",
  "tickets:ticket_parts.ticket_parts[].author.email",
];

export const FORMAT_CORRECTIONS: FormatCorrection[] = [
  {
    streams: ["contacts"],
    paths: CONTACT_LISTS.flatMap((list) => [`${list}.url`, `${list}.data[].url`]),
    format: "uri-reference",
    why:
      "Intercom sends the API path without its host (`/contacts/{id}/tags`, `/tags/{id}`): a relative reference, not the absolute URI the description's `format: uri` means (seen in recorded real records).",
  },
  {
    streams: ["contacts"],
    paths: ["tags.data[].type", "notes.data[].type"],
    format: undefined,
    why: "The object's type name (`tag`, `note`); the description's `format: uri` here is a copy of the url's.",
  },
  ...byStream(AUTHOR_EMAILS).map(([stream, paths]) => ({
    streams: [stream],
    paths,
    format: undefined,
    why:
      'Intercom sends an empty string for an author without an email (a lead\'s `"email": ""` in recorded real records), which `format: email` rejects.',
  })),
];

/** Apply every correction for `stream`, in place; paths the schema lacks are skipped (the test reports them). */
export function applyFormatCorrections(stream: string, schema: JsonSchema, corrections: readonly FormatCorrection[] = FORMAT_CORRECTIONS): void {
  for (const correction of corrections) {
    if (!correction.streams.includes(stream)) continue;
    for (const path of correction.paths) {
      const node = schemaNodeAt(schema, path);
      if (node === undefined || node.format === correction.format) continue;
      if (correction.format === undefined) delete node.format;
      else node.format = correction.format;
      const note = `Format corrected by intercom-sync: ${correction.why}`;
      node.description = node.description ? `${node.description} ${note}` : note;
    }
  }
}

/** "stream:path" pairs grouped by stream. */
function byStream(pairs: readonly string[]): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  for (const pair of pairs) {
    const [stream, path] = pair.split(":") as [string, string];
    grouped.set(stream, [...(grouped.get(stream) ?? []), path]);
  }
  return [...grouped];
}
