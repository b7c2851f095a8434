/** The transcript renderer on its own: roles, HTML → markdown, attachments, events, the cap, the inbox URL's region. */
import { expect, test } from "bun:test";
import { appOrigin } from "../../src/engine/documents/app-origin.ts";
import { htmlToMarkdown } from "../../src/engine/documents/html-markdown.ts";
import { renderConversation } from "../../src/engine/documents/transcript.ts";

const T0 = Date.UTC(2026, 0, 2, 3, 4) / 1000;

test("HTML becomes markdown: links, lists, code, entities; images become links; nothing of the markup is left", () => {
  const markdown = htmlToMarkdown(
    '<p>See <a href="https://x.io/a">the docs</a> &amp; retry</p><ul><li>one</li><li>two</li></ul><pre><code>let x = 1;</code></pre><p><img src="https://x.io/i.png" alt="screenshot"></p>',
  );
  expect(markdown).toContain("[the docs](https://x.io/a) & retry");
  expect(markdown).toContain("- one\n- two");
  expect(markdown).toContain("```\nlet x = 1;\n```");
  expect(markdown).toContain("[image: screenshot](https://x.io/i.png)");
  expect(markdown).not.toContain("![");
  expect(markdown).not.toMatch(/<\/?[a-z][^>]*>/i);
});

test("a rule in a body is `* * *`: a line `---` is only ever a message boundary", () => {
  const markdown = htmlToMarkdown("<p>above</p><hr><p>below</p>");
  expect(markdown).toBe("above\n\n* * *\n\nbelow");
  const doc = renderConversation({ id: "1", created_at: T0, updated_at: T0 }, [
    { id: "1", part_type: "comment", author: { type: "user", id: "c" }, body: "<p>a</p><hr><p>b</p>", created_at: T0 },
  ]);
  expect(doc.markdown.split("\n---\n").length).toBe(2);
});

test("each part is a block whose first line names its role, author and UTC time; attachments are listed; events are one line", () => {
  const part = (id: number, part_type: string, author: Record<string, unknown>, body: string | null, extra: Record<string, unknown> = {}) => ({
    id: String(id),
    part_type,
    author,
    body,
    created_at: T0 + id * 60,
    attachments: [],
    ...extra,
  });
  const conversation = {
    id: "9",
    title: null,
    state: "closed",
    created_at: T0,
    updated_at: T0 + 600,
    source: {
      type: "email",
      subject: "<p>Refund</p>",
      body: "<p>I want a <b>refund</b></p>",
      author: { type: "user", id: "c1", name: "Ana" },
      attachments: [],
    },
    contacts: { contacts: [{ type: "contact", id: "c1" }] },
    admin_assignee_id: 5,
    tags: { tags: [{ name: "billing" }] },
    conversation_rating: { rating: 4 },
    ai_agent: { resolution_state: "routed_to_team" },
  };
  const parts = [
    part(3, "note", { type: "admin", id: "5", name: "Bo" }, "<p>check the order</p>"),
    part(1, "comment", { type: "bot", id: "b", name: "Fin" }, "<p>I can help</p>"),
    part(2, "comment", { type: "bot", id: "w", name: "Workflow" }, "<p>Routing you</p>"),
    part(4, "comment", { type: "admin", id: "5", name: "Bo" }, "<p>Done</p>", { attachments: [{ name: "receipt.pdf", url: "https://x.io/r.pdf" }] }),
    part(5, "close", { type: "admin", id: "5", name: "Bo" }, null),
    part(6, "assignment", { type: "admin", id: "5", name: "Bo" }, null, { assigned_to: { type: "team", id: "7" } }),
  ];
  const doc = renderConversation(conversation, parts, { app: { origin: appOrigin("https://api.eu.intercom.io"), appId: "abc" } });
  const lines = doc.markdown.split("\n\n---\n\n").slice(1).map((block) => block.split("\n")[0]);
  expect(lines).toEqual([
    "### customer · Ana · 2026-01-02 03:04 UTC",
    "### AI agent · Fin · 2026-01-02 03:05 UTC",
    "### bot · Workflow · 2026-01-02 03:06 UTC",
    "### internal note · Bo · 2026-01-02 03:07 UTC",
    "### teammate · Bo · 2026-01-02 03:08 UTC",
    "### event · Bo · 2026-01-02 03:09 UTC · closed",
    "### event · Bo · 2026-01-02 03:10 UTC · assigned to team 7",
  ]);
  expect(doc.markdown).toContain("I want a **refund**");
  expect(doc.markdown).toContain("- attachment: [receipt.pdf](https://x.io/r.pdf)");
  expect(doc.title).toBe("Refund");
  expect(doc).toMatchObject({
    id: "9",
    contacts: ["Ana"],
    assignee: "Bo",
    tags: ["billing"],
    channel: "email",
    rating: 4,
    truncated: false,
    messages: 7,
  });
  expect(doc.ai_agent_resolution_state).toBe("routed_to_team");
  expect(doc.url).toBe("https://app.eu.intercom.com/a/inbox/abc/inbox/conversation/9");
  expect(renderConversation(conversation, parts, { notes: false }).markdown).not.toContain("internal note");
  expect(renderConversation(conversation, parts).url).toBeNull();
});

test("500 parts of a conversation stating more: the header says older messages are missing", () => {
  const parts = Array.from(
    { length: 500 },
    (_, k) => ({ id: String(k), part_type: "comment", author: { type: "user", id: "c" }, body: "<p>x</p>", created_at: T0 + k }),
  );
  const capped = renderConversation({ id: "1", created_at: T0, updated_at: T0, statistics: { count_conversation_parts: 640 } }, parts);
  expect(capped.truncated).toBe(true);
  expect(capped.markdown).toContain("- truncated: yes");
  const whole = renderConversation({ id: "1", created_at: T0, updated_at: T0, statistics: { count_conversation_parts: 500 } }, parts);
  expect(whole.truncated).toBe(false);
});

test("the inbox is the API host's region's", () => {
  expect(appOrigin("https://api.intercom.io")).toBe("https://app.intercom.com");
  expect(appOrigin("https://api.au.intercom.io")).toBe("https://app.au.intercom.com");
  expect(appOrigin("http://127.0.0.1:9")).toBe("https://app.intercom.com");
});
