import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition, StreamName } from "./types.ts";

/** company_attributes and contact_attributes: one GET /data_attributes per model. */
export function dataAttributeStream(name: StreamName, model: "company" | "contact"): StreamDefinition {
  return {
    name,
    description: `Data attributes (standard and custom) defined on ${model === "company" ? "companies" : "contacts"}.`,
    permission: PERMISSIONS.users,
    // `name` repeats (a custom attribute may share the name of a nested standard one); full_name does not.
    primaryKey: ["model", "full_name"],
    sync: "full",
    pagination: "none",
    method: "GET",
    path: "/data_attributes",
    query: { model },
    recordPath: ["data"],
  };
}
