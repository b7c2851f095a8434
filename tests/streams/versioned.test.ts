/** A stream's read and schema component per API version: the latest `readOn`/`componentOn` entry at or before it. */
import { expect, test } from "bun:test";
import { conversationAttributes } from "../../src/streams/conversation_attributes.ts";
import { defineStream } from "../../src/streams/define.ts";
import type { ReadSpec } from "../../src/streams/types.ts";
import { allReads, componentOn, readOn } from "../../src/streams/versioned.ts";

/** Every read here is a root read, which has a path (an embedded one has none). */
const pathOf = (read: ReadSpec) => (read as { path: string }).path;
const single = (path: string) => ({ kind: "single" as const, path, recordPath: ["data"] });

test("conversation_attributes reads GET /data_attributes up to 2.14 and GET /conversations/attributes on 2.16", () => {
  expect(pathOf(readOn(conversationAttributes, "2.11"))).toBe("/data_attributes");
  expect(pathOf(readOn(conversationAttributes, "2.14"))).toBe("/data_attributes");
  expect(pathOf(readOn(conversationAttributes, "2.16"))).toBe("/conversations/attributes");
  expect(pathOf(readOn(conversationAttributes))).toBe("/data_attributes");
  expect(componentOn(conversationAttributes, "2.14")).toBe("data_attribute");
  expect(componentOn(conversationAttributes, "2.16")).toBe("conversation_attribute");
  expect(allReads(conversationAttributes).map(pathOf)).toEqual(["/data_attributes", "/conversations/attributes"]);
});

test("an entry applies from its version on, until a later one", () => {
  const stream = { read: single("/a"), readOn: { "2.14": single("/b") } };
  expect(pathOf(readOn(stream, "2.11"))).toBe("/a");
  expect(pathOf(readOn(stream, "2.14"))).toBe("/b");
  expect(pathOf(readOn(stream, "2.16"))).toBe("/b");
});

test("a readOn entry of another kind is refused when the stream is defined: the sync kind must not change with the version", () => {
  expect(() =>
    defineStream({
      name: "x",
      description: "",
      permission: "",
      primaryKey: ["id"],
      read: single("/a"),
      readOn: { "2.16": { kind: "list", path: "/b", recordPath: ["data"] } },
      schema: { component: "tag" },
    })
  ).toThrow("readOn 2.16 is a list read, not single");
});
