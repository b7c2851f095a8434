/**
 * Help Centers, their collections (and sections: a collection whose parent_id is another collection) and
 * articles. Collections and articles carry translations as the descriptions model them: one record, with a
 * `translated_content` object keyed by locale. Articles list newest updated first (the description says so).
 */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { adminId } from "./admins.ts";

const TOPICS = ["Getting started", "Billing", "Integrations", "Security", "Troubleshooting", "Account settings"] as const;
/** Every record has English; these are added by index, so some have one, two or three translations. */
const EXTRA_LOCALES = ["fr", "de", "pt-BR"] as const;

const helpCenterIdentifier = (i: number) => (i === 0 ? "help" : `help-${i + 1}`);

export function helpCenterId(i: number): string {
  return numericId(ID_BASE.helpCenter, i);
}

export function helpCenter(ctx: GenContext, i: number): Rec {
  const createdAt = ctx.baseNow - 650 * DAY + i * 9_001;
  return {
    id: helpCenterId(i),
    workspace_id: ctx.appId,
    created_at: createdAt,
    updated_at: createdAt + (hash(ctx.seed, KIND.helpCenter, i) % (300 * DAY)),
    identifier: helpCenterIdentifier(i),
    website_turned_on: i % 3 !== 2,
    display_name: i === 0 ? "Help Center" : `Help Center ${i + 1}`,
    url: `https://intercom.help/${ctx.appId}/${helpCenterIdentifier(i)}`,
    custom_domain: i === 0 ? "help.example.com" : null,
  };
}

/** 2.16 adds whether a Help Center is the default one and its locales. */
export function helpCenterIn216(record: Rec, i: number): Rec {
  return { ...record, default: i === 0, locales: ["en", ...EXTRA_LOCALES.slice(0, i % 3)] };
}

function locales(kind: number, seed: number, i: number): readonly string[] {
  return ["en", ...EXTRA_LOCALES.slice(0, hash(seed, kind, i, 7) % (EXTRA_LOCALES.length + 1))];
}

export function collectionId(i: number): string {
  return numericId(ID_BASE.collection, i);
}

/** Every third collection is a section of the one before it. */
function collectionParent(i: number): number | undefined {
  return i % 3 === 2 ? i - 1 : undefined;
}

export function collection(ctx: GenContext, i: number): Rec {
  const createdAt = ctx.baseNow - 600 * DAY + i * 5_003;
  const topic = TOPICS[i % TOPICS.length]!;
  const name = i < TOPICS.length ? topic : `${topic} ${Math.floor(i / TOPICS.length) + 1}`;
  const parent = collectionParent(i);
  const translated: Rec = { type: "group_translated_content" };
  for (const locale of locales(KIND.collection, ctx.seed, i)) {
    translated[locale] = { type: "group_content", name: locale === "en" ? name : `${name} (${locale})`, description: `About ${name} [${locale}]` };
  }
  return {
    id: collectionId(i),
    workspace_id: ctx.appId,
    name,
    description: parent === undefined ? `Everything about ${name.toLowerCase()}` : null,
    created_at: createdAt,
    updated_at: createdAt + (hash(ctx.seed, KIND.collection, i) % (200 * DAY)),
    url: `https://intercom.help/${ctx.appId}/en/collections/${collectionId(i)}`,
    icon: "bookmark",
    order: i + 1,
    default_locale: "en",
    translated_content: translated,
    parent_id: parent === undefined ? null : collectionId(parent),
    // Sections belong to their collection, not to a Help Center (the description's example has null there).
    help_center_id: parent === undefined ? Number(helpCenterId(i % Math.max(ctx.sizes.helpCenters, 1))) : null,
  };
}

export function articleId(i: number): string {
  return numericId(ID_BASE.article, i);
}

/** Article i as generated; `updatedAt` moves it (workspace.updateArticle). */
export function article(ctx: GenContext, i: number, updatedAt?: number): Rec {
  const createdAt = ctx.baseNow - 500 * DAY + i * 3_001;
  const topic = TOPICS[hash(ctx.seed, KIND.article, i, 1) % TOPICS.length]!;
  const title = `${topic}: question ${i + 1}`;
  const published = hash(ctx.seed, KIND.article, i, 2) % 5 !== 0;
  const state = published ? "published" : "draft";
  const author = Number(adminId(i % Math.max(ctx.sizes.admins, 1)));
  const updated = updatedAt ?? createdAt + (hash(ctx.seed, KIND.article, i) % (150 * DAY));
  const url = published ? `https://intercom.help/${ctx.appId}/en/articles/${articleId(i)}` : null;
  const parent = ctx.sizes.collections > 0 && i % 4 !== 3 ? i % ctx.sizes.collections : undefined;
  const translated: Rec = { type: "article_translated_content" };
  for (const locale of locales(KIND.article, ctx.seed, i)) {
    translated[locale] = {
      type: "article_content",
      title: locale === "en" ? title : `${title} [${locale}]`,
      description: `Short answer [${locale}]`,
      body: `<p>The answer to question ${i + 1} [${locale}].</p>`,
      author_id: author,
      state,
      created_at: createdAt,
      updated_at: updated,
      url: `https://intercom.help/${ctx.appId}/${locale}/articles/${articleId(i)}`,
    };
  }
  return {
    type: "article",
    id: articleId(i),
    workspace_id: ctx.appId,
    title,
    description: "Short answer [en]",
    body: `<p>The answer to question ${i + 1} [en].</p>`,
    author_id: author,
    state,
    created_at: createdAt,
    updated_at: updated,
    url,
    parent_id: parent === undefined ? null : Number(collectionId(parent)),
    parent_ids: parent === undefined ? [] : [Number(collectionId(parent))],
    parent_type: parent === undefined ? null : "collection",
    default_locale: "en",
    translated_content: translated,
  };
}
