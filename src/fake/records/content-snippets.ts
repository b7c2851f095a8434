/** Snippets: short pieces of content Fin and Copilot answer from. Modelled on the content_snippet example of the 2.16 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "content_snippet",
  id: "123",
  title: "How to reset your password",
  locale: "en",
  json_blocks: [
    {
      type: "paragraph",
      text: "Navigate to Settings > Security > Reset password.",
    },
  ],
  body_markdown: "# How to reset your password\n\nNavigate to Settings > Security > Reset password.\n",
  chatbot_availability: 1,
  copilot_availability: 1,
  ai_chatbot_availability: true,
  ai_copilot_availability: true,
  ai_sales_agent_availability: true,
  created_at: 1663597223,
  updated_at: 1663597223,
  audience_ids: [
    1,
    2,
  ],
};

export function contentSnippet(ctx: GenContext, i: number): Rec {
  return exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.contentSnippet, kind: KIND.contentSnippet, label: "title" });
}
