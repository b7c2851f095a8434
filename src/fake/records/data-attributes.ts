/**
 * Data attributes for the contact and company models. `name` alone is not a key: the contact custom
 * attribute "city" shares its name with the nested standard "location.city", the company custom
 * "industry" with the standard "industry", and "name" exists in both models. `full_name` is unique per model.
 * Conversation attributes (below) have one shape up to 2.14 and another at 2.16's own endpoint.
 */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { uuid } from "../ids.ts";
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

/**
 * Conversation attributes: all custom (a conversation's custom_attributes), with their type as 2.11 names it
 * in data_attribute and as 2.16's GET /conversations/attributes does (list, decimal, datetime are 2.16 words).
 */
const CONVERSATION_ATTRIBUTES: (AttributeSpec & { type216: string; multiline?: boolean })[] = [
  {
    name: "Priority level",
    fullName: "",
    label: "Priority level",
    dataType: "string",
    type216: "list",
    custom: true,
    options: ["Low", "Medium", "High"],
  },
  { name: "Order number", fullName: "", label: "Order number", dataType: "string", type216: "string", custom: true },
  { name: "Refund amount", fullName: "", label: "Refund amount", dataType: "float", type216: "decimal", custom: true },
  { name: "Items", fullName: "", label: "Items", dataType: "integer", type216: "integer", custom: true },
  { name: "Refund approved", fullName: "", label: "Refund approved", dataType: "boolean", type216: "boolean", custom: true },
  { name: "Follow-up date", fullName: "", label: "Follow-up date", dataType: "date", type216: "datetime", custom: true },
  { name: "Internal notes", fullName: "", label: "Internal notes", dataType: "string", type216: "string", custom: true, multiline: true },
  { name: "Legacy category", fullName: "", label: "Legacy category", dataType: "string", type216: "string", custom: true, archived: true },
];

function conversationAttributeTimes(ctx: GenContext, i: number): { createdAt: number; updatedAt: number; adminId: string } {
  const createdAt = ctx.baseNow - 450 * DAY + i * 8_101;
  return { createdAt, updatedAt: createdAt + i * 3 * DAY, adminId: adminId(i % Math.max(ctx.sizes.admins, 1)) };
}

/** GET /data_attributes?model=conversation up to 2.14: data_attribute records of model "conversation". */
export function conversationDataAttributes(ctx: GenContext, includeArchived: boolean): Rec[] {
  return CONVERSATION_ATTRIBUTES.flatMap((spec, i) => {
    if (spec.archived && !includeArchived) return [];
    const { createdAt, updatedAt, adminId } = conversationAttributeTimes(ctx, i);
    const record: Rec = {
      type: "data_attribute",
      id: 7_000 + i,
      model: "conversation",
      name: spec.name,
      full_name: `custom_attributes.${spec.name}`,
      label: spec.label,
      description: `Custom: ${spec.label}`,
      data_type: spec.dataType,
      api_writable: true,
      messenger_writable: false,
      ui_writable: true,
      custom: true,
      archived: spec.archived ?? false,
      created_at: createdAt,
      updated_at: updatedAt,
      admin_id: adminId,
    };
    if (spec.options) record.options = spec.options;
    return [record];
  });
}

/** GET /conversations/attributes (2.16): the same attributes as conversation_attribute records. */
export function conversationAttributes216(ctx: GenContext, includeArchived: boolean): Rec[] {
  return CONVERSATION_ATTRIBUTES.flatMap((spec, i) => {
    if (spec.archived && !includeArchived) return [];
    const { createdAt, updatedAt, adminId } = conversationAttributeTimes(ctx, i);
    const record: Rec = {
      type: "conversation_attribute",
      id: 7_000 + i,
      name: spec.name,
      description: `Custom: ${spec.label}`,
      data_type: spec.type216,
      required: false,
      visible_to_team_ids: [],
      archived: spec.archived ?? false,
      created_at: createdAt,
      updated_at: updatedAt,
      admin_id: adminId,
    };
    if (spec.type216 === "string") record.multiline = spec.multiline ?? false;
    if (spec.options) {
      record.options = spec.options.map((label, k) => ({ id: uuid(ctx.seed, KIND.mutation, 7_000 * 16 + i * 16 + k), label, archived: false }));
    }
    return [record];
  });
}
