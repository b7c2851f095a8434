/** Internal articles: knowledge for teammates and Fin, not published in a Help Center. Modelled on the internal_article_list_item example of the 2.14 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "internal_article",
  id: "6871119",
  title: "Thanks for everything",
  body: "Body of the Article",
  body_markdown: "# Internal Guide\n\nBody of the article in markdown\n",
  owner_id: 991266252,
  author_id: 991266252,
  created_at: 1672928359,
  updated_at: 1672928610,
  locale: "en",
  audience_ids: [
    1,
    2,
  ],
  ai_chatbot_availability: true,
  ai_copilot_availability: true,
  ai_sales_agent_availability: true,
};

export function internalArticle(ctx: GenContext, i: number): Rec {
  return exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.internalArticle, kind: KIND.internalArticle, label: "title" });
}
