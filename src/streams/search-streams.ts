import type { StreamDefinition } from "./types.ts";

/** What contacts, conversations and tickets share: POST search on updated_at, sorted ascending. */
export const SEARCH_STREAM = {
  primaryKey: ["id"],
  cursorField: "updated_at",
  sync: "search",
  pagination: "search-cursor",
  method: "POST",
} as const satisfies Partial<StreamDefinition>;
