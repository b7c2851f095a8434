/**
 * Data attributes for the contact and company models. `name` alone is not a key: the contact custom
 * attribute "city" shares its name with the nested standard "location.city", the company custom
 * "industry" with the standard "industry", and "name" exists in both models. `full_name` is unique per model.
 */
import type { GenContext, Rec } from "../context.ts";
import { DAY } from "../timeline.ts";
import { adminId } from "./admins.ts";

type DataType = "string" | "integer" | "float" | "boolean" | "date";

interface AttributeSpec {
  name: string;
  fullName: string;
  label: string;
  dataType: DataType;
  custom: boolean;
  options?: string[];
  archived?: boolean;
}

const CONTACT_ATTRIBUTES: AttributeSpec[] = [
  { name: "name", fullName: "name", label: "Name", dataType: "string", custom: false },
  { name: "email", fullName: "email", label: "Email", dataType: "string", custom: false },
  { name: "phone", fullName: "phone", label: "Phone", dataType: "string", custom: false },
  { name: "external_id", fullName: "external_id", label: "User ID", dataType: "string", custom: false },
  { name: "role", fullName: "role", label: "Role", dataType: "string", custom: false },
  { name: "owner_id", fullName: "owner_id", label: "Owner", dataType: "integer", custom: false },
  { name: "created_at", fullName: "created_at", label: "Signed up", dataType: "date", custom: false },
  { name: "updated_at", fullName: "updated_at", label: "Updated", dataType: "date", custom: false },
  { name: "last_seen_at", fullName: "last_seen_at", label: "Last seen", dataType: "date", custom: false },
  { name: "city", fullName: "location.city", label: "City", dataType: "string", custom: false },
  { name: "region", fullName: "location.region", label: "Region", dataType: "string", custom: false },
  { name: "country", fullName: "location.country", label: "Country", dataType: "string", custom: false },
  { name: "name", fullName: "companies.name", label: "Company name", dataType: "string", custom: false },
  {
    name: "plan",
    fullName: "custom_attributes.plan",
    label: "Plan",
    dataType: "string",
    custom: true,
    options: ["free", "starter", "pro", "enterprise"],
  },
  { name: "city", fullName: "custom_attributes.city", label: "City (CRM)", dataType: "string", custom: true },
  { name: "seats", fullName: "custom_attributes.seats", label: "Seats", dataType: "integer", custom: true },
  { name: "score", fullName: "custom_attributes.score", label: "Health score", dataType: "float", custom: true },
  { name: "vip", fullName: "custom_attributes.vip", label: "VIP", dataType: "boolean", custom: true },
  { name: "trial_ends", fullName: "custom_attributes.trial_ends", label: "Trial ends", dataType: "date", custom: true },
  {
    name: "legacy_id",
    fullName: "custom_attributes.legacy_id",
    label: "Legacy ID",
    dataType: "string",
    custom: true,
    archived: true,
  },
];

const COMPANY_ATTRIBUTES: AttributeSpec[] = [
  { name: "name", fullName: "name", label: "Company name", dataType: "string", custom: false },
  { name: "company_id", fullName: "company_id", label: "Company ID", dataType: "string", custom: false },
  { name: "created_at", fullName: "created_at", label: "Created", dataType: "date", custom: false },
  { name: "remote_created_at", fullName: "remote_created_at", label: "Company created", dataType: "date", custom: false },
  { name: "last_request_at", fullName: "last_request_at", label: "Last seen", dataType: "date", custom: false },
  { name: "size", fullName: "size", label: "Company size", dataType: "integer", custom: false },
  { name: "website", fullName: "website", label: "Website", dataType: "string", custom: false },
  { name: "industry", fullName: "industry", label: "Industry", dataType: "string", custom: false },
  { name: "monthly_spend", fullName: "monthly_spend", label: "Monthly spend", dataType: "float", custom: false },
  { name: "plan", fullName: "plan.name", label: "Plan", dataType: "string", custom: false },
  { name: "industry", fullName: "custom_attributes.industry", label: "Industry (CRM)", dataType: "string", custom: true },
  {
    name: "tier",
    fullName: "custom_attributes.tier",
    label: "Tier",
    dataType: "string",
    custom: true,
    options: ["bronze", "silver", "gold"],
  },
  { name: "renewal_date", fullName: "custom_attributes.renewal_date", label: "Renewal", dataType: "string", custom: true },
];

export type AttributeModel = "contact" | "company";

/** Custom attribute names by model, so generated records only carry attributes that exist. */
export const CUSTOM_ATTRIBUTE_TYPES: Record<AttributeModel, Record<string, DataType>> = {
  contact: Object.fromEntries(CONTACT_ATTRIBUTES.filter((a) => a.custom).map((a) => [a.name, a.dataType])),
  company: Object.fromEntries(COMPANY_ATTRIBUTES.filter((a) => a.custom).map((a) => [a.name, a.dataType])),
};

export function dataAttributes(ctx: GenContext, model: AttributeModel, includeArchived: boolean): Rec[] {
  const specs = model === "contact" ? CONTACT_ATTRIBUTES : COMPANY_ATTRIBUTES;
  const result: Rec[] = [];
  specs.forEach((spec, i) => {
    if (spec.archived && !includeArchived) return;
    const record: Rec = {
      type: "data_attribute",
      model,
      name: spec.name,
      full_name: spec.fullName,
      label: spec.label,
      description: spec.custom ? `Custom: ${spec.label}` : `The ${spec.label.toLowerCase()} of the ${model}`,
      data_type: spec.dataType,
      api_writable: spec.custom,
      messenger_writable: false,
      ui_writable: spec.custom,
      custom: spec.custom,
      archived: spec.archived ?? false,
    };
    if (spec.options) record.options = spec.options;
    if (spec.custom) {
      // Only custom attributes have an id, creation times and a creating admin.
      const createdAt = ctx.baseNow - 600 * DAY + i * 7_211;
      record.id = (model === "contact" ? 5_000 : 6_000) + i;
      record.created_at = createdAt;
      record.updated_at = createdAt + i * 86_400;
      record.admin_id = adminId(i % Math.max(ctx.sizes.admins, 1));
    }
    result.push(record);
  });
  return result;
}
