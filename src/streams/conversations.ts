import { PERMISSIONS } from "./permissions.ts";
import { SEARCH_STREAM } from "./search-streams.ts";
import type { StreamDefinition } from "./types.ts";

export const conversations: StreamDefinition = {
  ...SEARCH_STREAM,
  name: "conversations",
  description: "Conversations (without their parts; see conversation_parts), found by searching updated_at.",
  permission: PERMISSIONS.conversations,
  path: "/conversations/search",
  recordPath: ["conversations"],
};
