import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const externalPages = defineStream({
  name: "external_pages",
  description: "Fin's external pages: content imported from outside Intercom for Fin and Copilot.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  since: "2.14",
  read: { kind: "single", path: "/ai/external_pages", recordPath: ["data"] },
  schema: { component: "external_page" },
});
