import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contentSnippets = defineStream({
  name: "content_snippets",
  description: "Snippets: short pieces of content Fin and Copilot answer from.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  since: "2.16",
  read: { kind: "list", path: "/content_snippets", recordPath: ["data"], perPage: 50 },
  schema: { component: "content_snippet" },
});
