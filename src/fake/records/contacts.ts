/** Contacts: base record i from (seed, i); created and mutated ones live in the workspace overlay. */
import { baseCompanyId, contactExternalId, contactObjectId, type GenContext, type Rec } from "../context.ts";
import { hash, KIND, Rand } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { BROWSERS, FIRST_NAMES, LANGUAGES, LAST_NAMES, LOCATIONS, OSES, PLANS } from "../words.ts";
import { tagId } from "./tags.ts";

/** A timestamp between creation and the last update, or null with probability `pNull`. */
function maybeTime(r: Rand, earliest: number, latest: number, pNull: number): number | null {
  return r.chance(pNull) ? null : earliest + r.int(Math.max(latest - earliest, 0) + 1);
}

/** A contact shows at most this many tags and companies; `has_more` and `url` lead to the rest. */
export const EMBEDDED_LINK_CAP = 10;

/** Salts that pick the contacts with more links than a contact shows (about 1 in 6 each, independently). */
const LINKS = { tags: 151, companies: 152 } as const;

/**
 * The tag or company indices contact i is linked to: `count` (0..2, drawn by the caller) spread by `step`, or for
 * about one contact in six more than EMBEDDED_LINK_CAP (11..14, as many as exist), so some lists are truncated.
 */
function linkedIndices(ctx: GenContext, i: number, of: number, count: number, mul: number, step: number, salt: number): number[] {
  if (of <= 0) return [];
  const h = hash(ctx.seed, KIND.contact, i, salt);
  const many = h % 6 === 0 && of > EMBEDDED_LINK_CAP;
  const wanted = many ? Math.min(of, EMBEDDED_LINK_CAP + 1 + (h >>> 8) % 4) : count;
  const indices: number[] = [];
  for (let k = 0; indices.length < wanted && k < of * 2; k++) {
    const x = many ? (i + k) % of : (i * mul + k * step) % of;
    if (!indices.includes(x)) indices.push(x);
  }
  return indices;
}

function embeddedList(items: Rec[], url: string): Rec {
  return { type: "list", data: items.slice(0, EMBEDDED_LINK_CAP), url, total_count: items.length, has_more: items.length > EMBEDDED_LINK_CAP };
}

/** The `tags` and `companies` lists a contact with these links embeds (at most EMBEDDED_LINK_CAP of each). */
export function embeddedLinks(id: string, links: { tagIds: string[]; companyIds: string[] }): { tags: Rec; companies: Rec } {
  return {
    tags: embeddedList(links.tagIds.map((t) => ({ type: "tag", id: t, url: `/tags/${t}` })), `/contacts/${id}/tags`),
    companies: embeddedList(links.companyIds.map((c) => ({ id: c, type: "company", url: `/companies/${c}` })), `/contacts/${id}/companies`),
  };
}

/** contact()'s first draws, in order, link counts included: contactLinks replays them to rebuild the whole lists. */
function drawHead(ctx: GenContext, r: Rand) {
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const domain = r.pick(["example.com", "example.org", "mail.example.net"]);
  const location = r.pick(LOCATIONS);
  const hasPhone = r.chance(0.4);
  const mobile = r.chance(0.2);
  const companyCount = ctx.sizes.companies > 0 ? r.int(3) : 0;
  const tagCount = ctx.sizes.tags > 0 ? r.int(3) : 0;
  return { first, last, domain, location, hasPhone, mobile, companyCount, tagCount };
}

/** Every tag id and company id of contact i, including those its embedded lists leave out. */
export function contactLinks(ctx: GenContext, i: number): { tagIds: string[]; companyIds: string[] } {
  const { companyCount, tagCount } = drawHead(ctx, new Rand(ctx.seed, KIND.contact, i));
  return {
    companyIds: linkedIndices(ctx, i, ctx.sizes.companies, companyCount, 7, 13, LINKS.companies).map((c) => baseCompanyId(ctx, c)),
    tagIds: linkedIndices(ctx, i, ctx.sizes.tags, tagCount, 1, 3, LINKS.tags).map(tagId),
  };
}

export function contact(ctx: GenContext, i: number, createdAt = ctx.contacts.createdAt(i), updatedAt = ctx.contacts.updatedAt(i)): Rec {
  const r = new Rand(ctx.seed, KIND.contact, i);
  const id = contactObjectId(ctx, i, createdAt);
  const { first, last, domain, location, hasPhone, mobile } = drawHead(ctx, r);
  const externalId = i < ctx.sizes.contacts ? contactExternalId(ctx, i) : `user-${i + 1}`;
  const role = externalId === null ? "lead" : "user";
  const email = `${first.toLowerCase().replace(/[^a-z]/g, "")}.${i + 1}@${domain}`;
  const phone = hasPhone ? `+1555${String(i % 10_000_000).padStart(7, "0")}` : null;
  const { tags, companies } = embeddedLinks(id, contactLinks(ctx, i));
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
    tags,
    notes: { type: "list", data: [], url: `/contacts/${id}/notes`, total_count: 0, has_more: false },
    companies,
  };
}
