import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const companyAttributes: StreamDefinition = {
  name: "company_attributes",
  description: "Data attributes (standard and custom) defined on companies.",
  permission: PERMISSIONS.users,
  // `name` repeats (a custom attribute may share the name of a nested standard one); full_name does not.
  primaryKey: ["model", "full_name"],
  sync: "full",
  pagination: "none",
  method: "GET",
  path: "/data_attributes",
  query: { model: "company" },
  recordPath: ["data"],
};
