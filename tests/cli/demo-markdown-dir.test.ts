/**
 * `demo --markdown-dir DIR`: the sample workspace's conversations, tickets and articles as `.md` files, exported
 * twice so the second run removes the files of the conversations it finds deleted; another stream is refused.
 */
import { afterAll, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const temp = tempDir();
afterAll(() => temp.remove());

test("demo --markdown-dir DIR writes a file per document, removes the deleted conversations' files and says where to look", async () => {
  const dir = temp.file("demo-docs");
  const run = await runCliInProcess(["demo", "--markdown-dir", dir, "--contacts", "40"]);
  expect(run.exitCode).toBe(0);
  // Only what a documents directory shows: no company or tag deleted for nothing.
  const deleted = /Deleted in the sample workspace since: conversations (\d+), (\d+)\. /.exec(run.stderr);
  expect(deleted).not.toBeNull();
  const conversations = readdirSync(join(dir, "conversations"));
  expect(conversations.length).toBeGreaterThan(2);
  for (const id of [deleted![1]!, deleted![2]!]) expect(existsSync(join(dir, "conversations", `${id}.md`))).toBe(false);
  expect(readFileSync(join(dir, "conversations", conversations[0]!), "utf8")).toMatch(/^---\nid: "\d+"\n[\s\S]*\n---\n\n# Conversation /);
  expect(readdirSync(join(dir, "tickets")).length).toBeGreaterThan(0);
  expect(readdirSync(join(dir, "articles")).length).toBeGreaterThan(0);
  expect(run.stdout).toContain(`Wrote ${dir}:`);
  expect(run.stdout).toContain(`${conversations.length} conversations`);
  expect(run.stdout).toContain("SimpleDirectoryReader");
}, 90_000);

test("demo --markdown-dir with a stream it cannot hold, or with --jsonl, is refused (exit 2)", async () => {
  const contacts = await runCliInProcess(["demo", "--markdown-dir", temp.file("x"), "--streams", "contacts"]);
  expect(contacts.exitCode).toBe(2);
  expect(contacts.stderr).toContain("--markdown-dir writes documents only");
  const jsonl = await runCliInProcess(["demo", "--jsonl", "--markdown-dir", temp.file("y")]);
  expect(jsonl.exitCode).toBe(2);
  expect(jsonl.stderr).toContain("--jsonl prints to stdout; leave out --markdown-dir");
});
