import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const macros = defineStream({
  name: "macros",
  description: "Macros (saved replies) teammates answer with, with the teams they are visible to.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  cursorField: "updated_at",
  since: "2.16",
  read: { kind: "list", path: "/macros", recordPath: ["data"], perPage: 150, sinceParam: "updated_since" },
  schema: { component: "macro" },
  notes:
    "Newest first, in pages of 150 chained by `starting_after`; after the first run only macros updated since the cursor are asked for (`updated_since`). " +
    "Their times are ISO 8601 text. A deleted macro is found only by a run that reads them whole (the first, or --full-refresh).",
});
