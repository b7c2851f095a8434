import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const brands = defineStream({
  name: "brands",
  description: "Brands of the workspace, each with its Help Center and default address settings.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  since: "2.16",
  read: { kind: "single", path: "/brands", recordPath: ["data"] },
  schema: { component: "brand" },
});
