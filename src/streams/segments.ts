import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const segments: StreamDefinition = {
  name: "segments",
  description: "Contact segments.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "updated_at",
  sync: "client-cursor",
  pagination: "none",
  method: "GET",
  path: "/segments",
  recordPath: ["segments"],
  notes: "GET /segments cannot filter by time: every run reads all segments and emits those updated since the cursor.",
};
