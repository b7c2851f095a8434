import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const audiences = defineStream({
  name: "audiences",
  description: "Audiences: saved rules on people's attributes that content is shown to.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  since: "2.16",
  read: { kind: "list", path: "/audiences", recordPath: ["data"], perPage: 50 },
  schema: { component: "audience" },
});
