import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const contactAttributes: StreamDefinition = {
  name: "contact_attributes",
  description: "Data attributes (standard and custom) defined on contacts.",
  permission: PERMISSIONS.users,
  // `name` repeats (a custom attribute may share the name of a nested standard one); full_name does not.
  primaryKey: ["model", "full_name"],
  sync: "full",
  pagination: "none",
  method: "GET",
  path: "/data_attributes",
  query: { model: "contact" },
  recordPath: ["data"],
};
