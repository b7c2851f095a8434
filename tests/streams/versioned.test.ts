/** A stream's read and schema component per API version: the latest `readOn`/`componentOn` entry at or before it. */
import { expect, test } from "bun:test";
import { conversationAttributes } from "../../src/streams/conversation_attributes.ts";
import { defineStream } from "../../src/streams/define.ts";
import { allReads, componentOn, readOn } from "../../src/streams/versioned.ts";

const single = (path: string) => ({ kind: "single" as const, path, recordPath: ["data"] });

test("conversation_attributes reads GET /data_attributes up to 2.14 and GET /conversations/attributes on 2.16", () => {
  expect(readOn(conversationAttributes, "2.11").path).toBe("/data_attributes");
  expect(readOn(conversationAttributes, "2.14").path).toBe("/data_attributes");
  expect(readOn(conversationAttributes, "2.16").path).toBe("/conversations/attributes");
  expect(readOn(conversationAttributes).path).toBe("/data_attributes");
  expect(componentOn(conversationAttributes, "2.14")).toBe("data_attribute");
  expect(componentOn(conversationAttributes, "2.16")).toBe("conversation_attribute");
  expect(allReads(conversationAttributes).map((read) => read.path)).toEqual(["/data_attributes", "/conversations/attributes"]);
});

test("an entry applies from its version on, until a later one", () => {
  const stream = { read: single("/a"), readOn: { "2.14": single("/b") } };
  expect(readOn(stream, "2.11").path).toBe("/a");
  expect(readOn(stream, "2.14").path).toBe("/b");
  expect(readOn(stream, "2.16").path).toBe("/b");
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
    }),
  ).toThrow("readOn 2.16 is a list read, not single");
});
