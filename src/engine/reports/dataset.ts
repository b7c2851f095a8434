/** A reporting dataset as GET /export/reporting_data/get_datasets describes it. */
export interface ReportAttribute {
  id: string;
  name: string;
  /** "model.id" (2.16 lists it, and wants it in enqueue where the simple id is ambiguous). */
  qualified_id?: string;
}

export interface ReportDataset {
  id: string;
  name: string;
  description: string;
  default_time_attribute_id: string;
  attributes: ReportAttribute[];
}

/** How a column's cells are typed. Datasets describe no types; they follow from the attribute id. */
export type ColumnKind = "time" | "duration" | "number" | "text";

export function columnKind(attributeId: string): ColumnKind {
  const id = attributeId.toLowerCase();
  if (id.endsWith("_raw_id") || id.endsWith("_id")) return "text";
  if (/(_at|_date)$/.test(id)) return "time";
  if (/(^|_)(time|duration|seconds)(_|$)|^time_(to|in)_/.test(id)) return "duration";
  // A word at the end names what the value is: `cx_score` is a number, `cx_score_explanation` text.
  if (/(^|_)(score|count|rating)$|^number_of_/.test(id)) return "number";
  return "text";
}

/** snake_case: "Brand" → "brand", "conversation.Brand" → "conversation_brand", "firstResponse" → "first_response". */
export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * The id an attribute is enqueued under and the column it becomes: the simple id, unless another attribute of the
 * dataset shares it (custom attributes of two models), then the qualified id. Stable across runs.
 */
export function attributeColumn(dataset: ReportDataset, attribute: ReportAttribute): string {
  const shared = dataset.attributes.filter((a) => a.id === attribute.id).length > 1;
  return snakeCase(shared && attribute.qualified_id ? attribute.qualified_id : attribute.id);
}

/** What enqueue is asked for: qualified ids from 2.16 (which wants them), simple ids before (each once). */
export function enqueueIds(attributes: ReportAttribute[], qualified: boolean): string[] {
  const ids = attributes.map((a) => (qualified && a.qualified_id ? a.qualified_id : a.id));
  return [...new Set(ids)];
}
