import { PERMISSIONS } from "./permissions.ts";
import { SEARCH_STREAM } from "./search-streams.ts";
import type { StreamDefinition } from "./types.ts";

export const contacts: StreamDefinition = {
  ...SEARCH_STREAM,
  name: "contacts",
  description: "Users and leads, found by searching updated_at.",
  permission: PERMISSIONS.users,
  path: "/contacts/search",
  recordPath: ["data"],
};
