import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contentImportSources = defineStream({
  name: "content_import_sources",
  description: "Fin's content import sources: the external sites whose pages Fin answers from.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  since: "2.14",
  read: { kind: "single", path: "/ai/content_import_sources", recordPath: ["data"] },
  schema: { component: "content_import_source" },
});
