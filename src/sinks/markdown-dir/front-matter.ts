/**
 * YAML front matter for a document file: `---`, one `key: value` line per metadata field, `---`. Values are only
 * scalars and lists of scalars, each written as JSON (a string always double-quoted, a list in flow style):
 * YAML 1.2 is a superset of JSON, so every value reads back exactly as written, whatever characters a title holds
 * (`: `, `#`, quotes, a leading `-` or `*`, newlines, `yes`/`no`), with no YAML library to bundle.
 *
 * @example
 * frontMatter({ id: "42", title: "Billing: #3", tags: ["vip"], rating: null })
 * // '---\nid: "42"\ntitle: "Billing: #3"\ntags: ["vip"]\n---\n'
 */
export type FrontMatterValue = string | number | boolean | null | readonly (string | number | boolean)[];

export function frontMatter(fields: Readonly<Record<string, FrontMatterValue | undefined>>): string {
  const lines = ["---"];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (!/^[a-z_][a-z0-9_]*$/.test(key)) throw new Error(`front matter key ${JSON.stringify(key)} is not a plain name`);
    lines.push(`${key}: ${yamlValue(value)}`);
  }
  lines.push("---", "");
  return lines.join("\n");
}

function yamlValue(value: Exclude<FrontMatterValue, null>): string {
  if (Array.isArray(value)) return `[${value.map((item) => scalar(item)).join(", ")}]`;
  return scalar(value as string | number | boolean);
}

function scalar(value: string | number | boolean): string {
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  // JSON.stringify escapes `"`, `\` and control characters as YAML's double-quoted style reads them; U+2028/9 and
  // lone surrogates it leaves as they are, which YAML also accepts inside double quotes.
  return JSON.stringify(value);
}
