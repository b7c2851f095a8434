/**
 * The opaque `starting_after` cursor: base64 of the last record's sort value and id (a keyset), plus
 * the sort it belongs to and the next page number. A keyset stays correct when records change between pages.
 */
import { SearchError } from "./query.ts";

export type SortOrder = "ascending" | "descending";

export interface Cursor {
  field: string;
  order: SortOrder;
  value: unknown;
  id: string;
  page: number;
}

function toBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): string {
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64(JSON.stringify([cursor.value, cursor.id, cursor.page, cursor.field, cursor.order]));
}

export function decodeCursor(text: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(fromBase64(text));
    if (Array.isArray(parsed) && parsed.length === 5) {
      const [value, id, page, field, order] = parsed;
      if (typeof id === "string" && typeof page === "number" && typeof field === "string" && (order === "ascending" || order === "descending")) {
        return { value, id, page, field, order };
      }
    }
  } catch {
    // fall through
  }
  throw new SearchError("parameter_invalid", "starting_after is not a valid cursor");
}
