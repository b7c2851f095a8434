/** The state store wrapper both protocols use: announces updated streams after each save, once each. */
import { describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { emittingStore } from "../../src/protocols/emitting-store.ts";
import { createMessageWriter } from "../../src/protocols/message-writer.ts";

describe("emittingStore", () => {
  test("save() persists first, then hands over the streams updated since the last save", async () => {
    const order: string[] = [];
    const inner = memoryStateStore();
    const store = emittingStore({ ...inner, save: async () => void order.push("inner save") }, async (streams) => void order.push(streams.join(",")));
    store.update("contacts", { cursor: 5 });
    store.update("tags", { outcome: "ok" });
    store.update("contacts", { cursor: 6 });
    await store.save();
    await store.save(); // nothing new: nothing announced
    store.update("tags", { outcome: "failed" });
    await store.save();
    expect(order).toEqual(["inner save", "contacts,tags", "inner save", "inner save", "tags"]);
    expect(store.get("contacts")).toEqual({ cursor: 6 });
  });
});

describe("createMessageWriter", () => {
  test("one JSON line per message, in call order, newlines in values escaped", async () => {
    const chunks: Uint8Array[] = [];
    const out = createMessageWriter(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
    const first = out.write([{ a: "x\ny" }, { b: 1 }]);
    const second = out.write([{ c: true }]);
    await Promise.all([first, second]);
    await out.close();
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    expect(text).toBe('{"a":"x\\ny"}\n{"b":1}\n{"c":true}\n');
    await expect(out.write([{ d: 1 }])).rejects.toThrow(/closed/);
  });
});
