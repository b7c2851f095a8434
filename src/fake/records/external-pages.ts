/** Fin's external pages: content imported from outside Intercom for Fin and Copilot. Modelled on the external_page example of the 2.14 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  id: "19",
  type: "external_page",
  title: "My External Content",
  html: "<h1>Hello world</h1><p>This is external content</p>",
  url: "https://support.example.com/us/3",
  ai_agent_availability: true,
  ai_copilot_availability: true,
  ai_sales_agent_availability: true,
  fin_availability: true,
  locale: "en",
  source_id: 33,
  external_id: "3",
  created_at: 1734537269,
  updated_at: 1734537269,
  last_ingested_at: 1734537269,
};

export function externalPage(ctx: GenContext, i: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.externalPage, kind: KIND.externalPage, label: "title" });
  record.external_id = String(i + 1);
  record.url = `https://support.example.com/us/${i + 1}`;
  return record;
}
