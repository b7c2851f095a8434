import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const awayStatusReasons = defineStream({
  name: "away_status_reasons",
  description: "The reasons a teammate can give for being away.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  since: "2.14",
  read: { kind: "single", path: "/away_status_reasons", recordPath: ["data"] },
  schema: { component: "away_status_reason" },
});
