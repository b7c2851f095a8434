/** Contacts: base record i from (seed, i); created and mutated ones live in the workspace overlay. */
import { baseCompanyId, contactExternalId, type GenContext, type Rec } from "../context.ts";
import { KIND, Rand } from "../hash.ts";
import { ID_BASE, objectId } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { BROWSERS, FIRST_NAMES, LANGUAGES, LAST_NAMES, LOCATIONS, OSES, PLANS } from "../words.ts";
import { tagId } from "./tags.ts";

export function contactId(ctx: GenContext, i: number, createdAt: number): string {
  return objectId(ctx.seed, KIND.contact, createdAt, i);
}

/** A timestamp between creation and the last update, or null with probability `pNull`. */
function maybeTime(r: Rand, earliest: number, latest: number, pNull: number): number | null {
  return r.chance(pNull) ? null : earliest + r.int(Math.max(latest - earliest, 0) + 1);
}

export function contact(ctx: GenContext, i: number, createdAt = ctx.contacts.createdAt(i), updatedAt = ctx.contacts.updatedAt(i)): Rec {
  const r = new Rand(ctx.seed, KIND.contact, i);
  const id = contactId(ctx, i, createdAt);
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const externalId = i < ctx.sizes.contacts ? contactExternalId(ctx, i) : `user-${i + 1}`;
  const role = externalId === null ? "lead" : "user";
  const domain = r.pick(["example.com", "example.org", "mail.example.net"]);
  const email = `${first.toLowerCase().replace(/[^a-z]/g, "")}.${i + 1}@${domain}`;
  const location = r.pick(LOCATIONS);
  const hasPhone = r.chance(0.4);
  const phone = hasPhone ? `+1555${String(i % 10_000_000).padStart(7, "0")}` : null;
  const mobile = r.chance(0.2);
  const companies: Rec[] = [];
  const companyCount = ctx.sizes.companies > 0 ? r.int(3) : 0;
  for (let k = 0; k < companyCount; k++) {
    const c = (i * 7 + k * 13) % ctx.sizes.companies;
    if (companies.some((x) => x.id === baseCompanyId(ctx, c))) continue;
    companies.push({ id: baseCompanyId(ctx, c), type: "company", url: `/companies/${baseCompanyId(ctx, c)}` });
  }
  const tags: Rec[] = [];
  const tagCount = ctx.sizes.tags > 0 ? r.int(3) : 0;
  for (let k = 0; k < tagCount; k++) {
    const t = tagId((i + k * 3) % ctx.sizes.tags);
    if (!tags.some((x) => x.id === t)) tags.push({ type: "tag", id: t, url: `/tags/${t}` });
  }
  const lastSeen = maybeTime(r, createdAt, updatedAt, 0.3);
  return {
    type: "contact",
    id,
    workspace_id: ctx.appId,
    external_id: externalId,
    role,
    email,
    email_domain: domain,
    phone,
    formatted_phone: phone,
    name: r.chance(0.1) ? null : `${first} ${last}`,
    avatar: r.chance(0.5) ? { type: "avatar", image_url: null } : { type: "avatar", image_url: `https://static.example.com/avatars/${i + 1}.png` },
    owner_id: ctx.sizes.admins > 0 && r.chance(0.6) ? ID_BASE.admin + r.int(ctx.sizes.admins) : null,
    social_profiles: { type: "list", data: [] },
    has_hard_bounced: r.chance(0.02),
    marked_email_as_spam: r.chance(0.01),
    unsubscribed_from_emails: r.chance(0.1),
    created_at: createdAt,
    updated_at: updatedAt,
    signed_up_at: role === "user" ? createdAt : null,
    last_seen_at: lastSeen,
    last_replied_at: maybeTime(r, createdAt, updatedAt, 0.5),
    last_contacted_at: maybeTime(r, createdAt, updatedAt, 0.5),
    last_email_opened_at: maybeTime(r, createdAt, updatedAt, 0.6),
    last_email_clicked_at: maybeTime(r, createdAt, updatedAt, 0.8),
    language_override: r.chance(0.1) ? r.pick(LANGUAGES) : null,
    browser: r.pick(BROWSERS),
    browser_version: `${r.between(90, 130)}.0`,
    browser_language: r.pick(LANGUAGES),
    os: r.pick(OSES),
    location: { type: "location", country: location.country, region: location.region, city: location.city },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: mobile ? "Fake iOS" : null,
    ios_app_version: mobile ? `3.${r.int(20)}.0` : null,
    ios_device: mobile ? "iPhone15,2" : null,
    ios_os_version: mobile ? "17.2" : null,
    ios_sdk_version: mobile ? "16.1.0" : null,
    ios_last_seen_at: mobile ? lastSeen : null,
    custom_attributes: {
      plan: r.pick(PLANS),
      city: r.pick(LOCATIONS).city,
      seats: r.int(200),
      score: Math.round(r.next() * 1000) / 10,
      vip: r.chance(0.05),
      trial_ends: createdAt + 14 * DAY,
    },
    tags: { type: "list", data: tags, url: `/contacts/${id}/tags`, total_count: tags.length, has_more: false },
    notes: { type: "list", data: [], url: `/contacts/${id}/notes`, total_count: 0, has_more: false },
    companies: {
      type: "list",
      data: companies,
      url: `/contacts/${id}/companies`,
      total_count: companies.length,
      has_more: false,
    },
  };
}
