import { describe, expect, test } from "bun:test";
import { createFakeIntercom, PART_CAP } from "../../src/fake/mod.ts";
import { get, ids } from "./helpers.ts";

describe("GET /conversations/{id}", () => {
  test("a conversation with more than 500 parts returns the 500 most recent, oldest first, and the true total_count", async () => {
    const fake = createFakeIntercom({ sizes: { conversations: 20 } });
    const big = ids(fake.workspace.records("conversations")).find((id) => fake.workspace.partCount(id) > PART_CAP);
    expect(big).toBeDefined();
    const { status, body } = await get(fake, `/conversations/${big}`);
    expect(status).toBe(200);
    const parts = body.conversation_parts;
    expect(parts.type).toBe("conversation_part.list");
    expect(parts.conversation_parts).toHaveLength(PART_CAP);
    expect(parts.total_count).toBe(fake.workspace.partCount(big!));
    const times = parts.conversation_parts.map((p: { created_at: number }) => p.created_at);
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
    // The export contract: records("conversation_parts") holds exactly the returned (capped) parts.
    const exported = [...fake.workspace.records("conversation_parts")].filter((p) => p.conversation_id === big);
    expect(ids(exported)).toEqual(ids(parts.conversation_parts));
  });

  test("each conversation's updated_at is at or after its newest part, also after a part is added", async () => {
    const fake = createFakeIntercom({ sizes: { conversations: 30 } });
    fake.workspace.now += 500;
    fake.workspace.addConversationPart("100000004");
    for (const conversation of fake.workspace.records("conversations")) {
      const { body } = await get(fake, `/conversations/${conversation.id}`);
      const newest = Math.max(...body.conversation_parts.conversation_parts.map((p: { created_at: number }) => p.created_at));
      expect(body.updated_at).toBeGreaterThanOrEqual(newest);
      expect(body.updated_at).toBe(conversation.updated_at);
    }
    const { body } = await get(fake, "/conversations/100000004");
    expect(body.updated_at).toBe(fake.workspace.now);
    expect(body.conversation_parts.conversation_parts.at(-1).created_at).toBe(fake.workspace.now);
    expect(body.conversation_parts.total_count).toBe(fake.workspace.partCount("100000004"));
  });

  test("adding a part to a capped conversation drops its oldest returned part", async () => {
    const fake = createFakeIntercom({ sizes: { conversations: 20 } });
    const big = "100000013";
    const before = (await get(fake, `/conversations/${big}`)).body.conversation_parts.conversation_parts;
    fake.workspace.now += 60;
    fake.workspace.addConversationPart(big);
    const after = (await get(fake, `/conversations/${big}`)).body.conversation_parts.conversation_parts;
    expect(after).toHaveLength(PART_CAP);
    expect(after[0].id).toBe(before[1].id);
  });

  test("an unknown conversation id is 404 not_found", async () => {
    const fake = createFakeIntercom({ sizes: { conversations: 5 } });
    for (const id of ["100000005", "abc", "99"]) {
      const answer = await get(fake, `/conversations/${id}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ type: "error.list", errors: [{ code: "not_found" }] });
    }
  });

  test("parts per conversation stay within 1..maxParts except the few past the cap", () => {
    const fake = createFakeIntercom({ sizes: { conversations: 200, maxParts: 4 } });
    const counts = ids(fake.workspace.records("conversations")).map((id) => fake.workspace.partCount(id));
    const small = counts.filter((n) => n <= PART_CAP);
    expect(Math.min(...small)).toBe(1);
    expect(Math.max(...small)).toBe(4);
    const big = counts.filter((n) => n > PART_CAP);
    expect(big.length).toBeGreaterThanOrEqual(1);
    expect(big.length).toBeLessThan(10);
  });
});
