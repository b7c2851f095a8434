/**
 * A parent gone for good between its listing and the read of its children — 410 Gone, as API 2.16 answers for a
 * merged contact — is skipped and counted like a deleted one (404), not a failure, and the skip says "merged".
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mapErrorResponse } from "../../src/http/map-error.ts";
import { errorList } from "../../src/fake/respond.ts";
import { syncWith } from "../helpers/harness.ts";
import { startBrokenFake, type WrappedFake } from "../resilience/helpers.ts";
import { GoneError, NotFoundError } from "../../src/errors.ts";

let fake: WrappedFake;
let goneId = "";
beforeAll(async () => {
  fake = await startBrokenFake(
    { sizes: { conversations: 12, contacts: 5, companies: 3, maxParts: 3 } },
    (_request, url) =>
      url.pathname === `/conversations/${goneId}` ? errorList(410, "contact_merged", "This contact has been merged.", "req-gone") : undefined,
  );
  goneId = String([...fake.workspace.records("conversations")][2]!.id);
});
afterAll(() => fake.close());

test("410 maps to GoneError, a kind of NotFoundError", () => {
  const error = mapErrorResponse({ status: 410, body: errorBody(), method: "GET", path: "/contacts/1", stream: "contacts" });
  expect(error).toBeInstanceOf(GoneError);
  expect(error).toBeInstanceOf(NotFoundError);
});

test("a 410 on a per-record read is skipped and counted; the run ends ok with every other record", async () => {
  const skips: string[] = [];
  const { result, sink } = await syncWith(fake, ["conversations", "conversation_parts"], {
    onEvent: (event) => {
      if (event.kind === "skipped") skips.push(event.message);
    },
  });
  expect(result.outcome).toBe("ok");
  const parts = result.streams.find((stream) => stream.name === "conversation_parts")!;
  expect(parts.skipped).toBe(1);
  expect(skips.join("\n")).toContain(`conversation ${goneId} was merged into another before its conversation_parts could be read (410)`);
  const exported = new Set(sink.all("conversation_parts").map((part) => part.conversation_id));
  expect(exported.has(goneId)).toBe(false);
  expect(exported.size).toBe(11);
});

function errorBody() {
  return { type: "error.list", errors: [{ code: "contact_merged", message: "This contact has been merged." }] };
}
