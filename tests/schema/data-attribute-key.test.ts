/**
 * Why company_attributes/contact_attributes are keyed (model, full_name): `id` is only given for custom
 * attributes and `name` repeats within one model. Proven from the spec's own GET /data_attributes example.
 */
import { describe, expect, test } from "bun:test";
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import { responseExamples, spec } from "./openapi-responses.ts";

interface DataAttribute {
  id?: number;
  model: string;
  name: string;
  full_name: string;
  custom: boolean;
}

async function exampleAttributes(): Promise<DataAttribute[]> {
  const [body] = responseExamples(await spec(), "/data_attributes", "get");
  return (body as { data: DataAttribute[] }).data;
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))].sort();
}

describe("data attribute primary key, from the spec's example", () => {
  test("`name` repeats within one model: name and plan.name, id and plan.id", async () => {
    const attributes = await exampleAttributes();
    expect(duplicates(attributes.map((a) => `${a.model}/${a.name}`))).toEqual(["company/id", "company/name"]);
    expect(attributes.filter((a) => a.name === "name").map((a) => a.full_name).sort()).toEqual(["name", "plan.name"]);
  });

  test("`id` is present only on custom attributes, so it cannot key the standard ones", async () => {
    const attributes = await exampleAttributes();
    expect(attributes.some((a) => a.id === undefined)).toBe(true);
    for (const attribute of attributes) expect(attribute.id !== undefined).toBe(attribute.custom);
  });

  test("(model, full_name) is unique across the example", async () => {
    const attributes = await exampleAttributes();
    expect(duplicates(attributes.map((a) => `${a.model}/${a.full_name}`))).toEqual([]);
  });
});

test("both data attribute streams use (model, full_name) as their primary key", () => {
  expect(STREAM_SCHEMAS.company_attributes!["x-primary-key"]).toEqual(["model", "full_name"]);
  expect(STREAM_SCHEMAS.contact_attributes!["x-primary-key"]).toEqual(["model", "full_name"]);
});
