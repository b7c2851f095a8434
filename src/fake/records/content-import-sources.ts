/** Fin's content import sources: the external sites whose pages Fin answers from. Modelled on the content_import_source example of the 2.14 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  id: 33,
  type: "content_import_source",
  last_synced_at: 1734537259,
  status: "active",
  url: "https://support.example.com/us/1",
  sync_behavior: "automatic",
  created_at: 1734537259,
  updated_at: 1734537259,
  audience_ids: [],
};

export function contentImportSource(ctx: GenContext, i: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.contentImportSource, kind: KIND.contentImportSource });
  record.url = `https://support.example.com/us/${i + 1}`;
  return record;
}
