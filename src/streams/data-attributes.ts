import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const KEY_NOTE = "Primary key (model, full_name): `id` exists only for custom attributes, and `name` repeats within a model " +
  '(the spec\'s own GET /data_attributes example lists name "name" for both full_name "name" and "plan.name", ' +
  'and name "id" for "id" and "plan.id"). full_name is the attribute\'s path in the record, unique per model.';

/** company_attributes and contact_attributes: one GET /data_attributes per model. */
export function dataAttributeStream<const Name extends string>(name: Name, model: "company" | "contact") {
  return defineStream({
    name,
    description: `Data attributes (standard and custom) defined on ${model === "company" ? "companies" : "contacts"}.`,
    permission: PERMISSIONS.users,
    // `name` repeats (a custom attribute may share the name of a nested standard one); full_name does not.
    primaryKey: ["model", "full_name"],
    read: { kind: "single", path: "/data_attributes", query: { model }, recordPath: ["data"] },
    schema: { component: "data_attribute", note: KEY_NOTE },
  });
}
