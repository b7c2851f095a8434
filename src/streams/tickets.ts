import { PERMISSIONS } from "./permissions.ts";
import { SEARCH_STREAM } from "./search-streams.ts";
import type { StreamDefinition } from "./types.ts";

export const tickets: StreamDefinition = {
  ...SEARCH_STREAM,
  name: "tickets",
  description: "Tickets, found by searching updated_at.",
  permission: PERMISSIONS.tickets,
  path: "/tickets/search",
  recordPath: ["tickets"],
};
