/** Newsfeeds and the news items published to them. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { adminId } from "./admins.ts";

const FEEDS = ["Visitor feed", "Customer feed", "Beta testers"] as const;

export function newsfeedId(i: number): string {
  return numericId(ID_BASE.newsfeed, i);
}

export function newsfeed(ctx: GenContext, i: number): Rec {
  const createdAt = ctx.baseNow - 400 * DAY + i * 6_007;
  const base = FEEDS[i % FEEDS.length]!;
  return {
    id: newsfeedId(i),
    type: "newsfeed",
    name: i < FEEDS.length ? base : `${base} ${Math.floor(i / FEEDS.length) + 1}`,
    created_at: createdAt,
    updated_at: createdAt + (hash(ctx.seed, KIND.news, i, 1) % (30 * DAY)),
  };
}

export function newsItemId(i: number): string {
  return numericId(ID_BASE.newsItem, i);
}

export function newsItem(ctx: GenContext, i: number): Rec {
  const createdAt = ctx.baseNow - 300 * DAY + i * 2_003;
  const live = hash(ctx.seed, KIND.news, i, 2) % 4 !== 0;
  const feeds = ctx.sizes.newsfeeds;
  // A live item is published to one or two feeds; a draft to none.
  const assigned = live && feeds > 0 ? [i % feeds, ...(i % 3 === 0 && feeds > 1 ? [(i + 1) % feeds] : [])] : [];
  return {
    type: "news-item",
    id: newsItemId(i),
    workspace_id: ctx.appId,
    title: `What's new, part ${i + 1}`,
    body: `<p>News number ${i + 1}.</p>`,
    sender_id: Number(adminId(i % Math.max(ctx.sizes.admins, 1))),
    state: live ? "live" : "draft",
    newsfeed_assignments: assigned.map((feed) => ({ newsfeed_id: Number(newsfeedId(feed)), published_at: createdAt + 3_600 })),
    labels: i % 2 === 0 ? ["Feature"] : [],
    cover_image_url: i % 5 === 0 ? `https://downloads.intercomcdn.com/news/${newsItemId(i)}.png` : null,
    reactions: ["👍", "🎉", null, null],
    deliver_silently: i % 6 === 5,
    created_at: createdAt,
    updated_at: createdAt + (hash(ctx.seed, KIND.news, i, 3) % (20 * DAY)),
  };
}
