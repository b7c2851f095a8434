/**
 * `intercom-sync verify` through the real CLI against the fake: a complete export verifies clean (SQLite and
 * --output); rows removed from the database, deletion lines, `_deleted_at` marks and changes made to the fake
 * behind the output's back are named (stream and ids, or the count difference) and exit 6; --json has the same facts.
 */
import { expect, test } from "bun:test";
import { appendFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import type { StreamVerdict } from "../../src/verify/compare.ts";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { DIFFERENCES, freshFakePerTest, sync, verify } from "./helpers.ts";
import { catchUp, settle, SMALL_SIZES, sqliteQuery } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const fakes = freshFakePerTest(33);
const startFake = () => fakes.start();

interface VerifyJson {
  sqlite?: string;
  output?: string;
  matches: boolean | null;
  notCompared: string[];
  streams: StreamVerdict[];
}

async function verifyJson(url: string, output: string[]): Promise<{ exitCode: number; report: VerifyJson; byStream: Record<string, StreamVerdict> }> {
  const result = await verify(url, output, ["--json", "--quiet"]);
  expect(result.stderr).toBe("");
  const report = JSON.parse(result.stdout) as VerifyJson;
  return { exitCode: result.exitCode, report, byStream: Object.fromEntries(report.streams.map((v) => [v.stream, v])) };
}

const ids = (fake: RunningFakeIntercom, stream: "contacts" | "tags" | "conversations" | "admins") =>
  [...fake.workspace.records(stream)].map((record) => String(record.id));

test("a complete SQLite export verifies clean: exit 0, every compared stream ok, and --json says the same", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const db = ["--sqlite", join(dir, "out.db")];
    await sync(fake.url, dir, db);
    const text = await verify(fake.url, db);
    expect({ exitCode: text.exitCode, stderr: text.stderr.trim() }).toEqual({ exitCode: 0, stderr: expect.stringContaining("matches") });
    expect(text.stdout).toMatch(/^contacts\s+count\s+320\s+320\s+0\s+0\s+ok$/m);
    expect(text.stdout).toMatch(/^tags\s+ids\s+15\s+15\s+0\s+0\s+ok$/m);
    expect(text.stdout).not.toContain("differs");

    const { exitCode, report, byStream } = await verifyJson(fake.url, db);
    expect(exitCode).toBe(0);
    expect(report.matches).toBe(true);
    expect(byStream.contacts).toMatchObject({ comparedBy: "count", intercom: 320, held: 320, missing: [], unexplained: 0, matches: true });
    expect(byStream.admins).toMatchObject({ comparedBy: "ids", intercom: ids(fake, "admins").length, missing: [], extra: [] });
    expect(byStream.companies).toMatchObject({ comparedBy: "ids", intercom: SMALL_SIZES.companies, held: SMALL_SIZES.companies });
    expect(byStream.conversation_parts).toMatchObject({ comparedBy: "parts", parts: [], status: "ok", matches: true });
    expect(byStream.activity_logs).toMatchObject({ comparedBy: "none", status: "not compared", matches: null });
    expect(report.notCompared).toContain("activity_logs");
    expect(report.notCompared).not.toContain("conversation_parts");

    // Asked alone, the parts are still compared with the part counts their held conversations state.
    const parts = await verify(fake.url, db, ["--streams", "conversation_parts"]);
    expect(parts.exitCode).toBe(0);
    expect(parts.stdout).toMatch(/^conversation_parts\s+parts\s+\d+\s+\d+\s+0\s+0\s+ok$/m);
  });
});

test('a stream nothing was compared for says "not compared", not ok: conversation_parts held without its conversations', async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const db = ["--sqlite", join(dir, "out.db")];
    // The parts are exported, not their conversations, whose records state the part counts to compare with.
    await sync(fake.url, dir, [...db, "--streams", "conversation_parts,tags"]);
    const text = await verify(fake.url, db);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^conversation_parts\s.*\snot compared$/m);
    expect(text.stdout).not.toMatch(/^conversation_parts\s.*\sok$/m);
    expect(text.stdout).toMatch(/^tags\s+ids\s+15\s+15\s+0\s+0\s+ok$/m);
    expect(text.stdout).toContain("conversation_parts: not compared: no held conversation states its part count");
    expect(text.stderr).toContain("not compared: conversation_parts");

    const { exitCode, report, byStream } = await verifyJson(fake.url, db);
    expect(exitCode).toBe(0);
    expect(byStream.conversation_parts).toMatchObject({ status: "not compared", matches: null });
    expect(report).toMatchObject({ matches: true, notCompared: ["conversation_parts"] });

    // Nothing compared at all: verify cannot say the output matches.
    const alone = await verify(fake.url, db, ["--streams", "conversation_parts"]);
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toContain("nothing was compared");
    expect(alone.stderr).not.toContain("matches Intercom");
  });
});

test("rows removed from the database are named by stream and id (or count) and exit 6", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const path = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", path]);
    const tag = ids(fake, "tags")[4]!;
    const contact = ids(fake, "contacts")[7]!;
    const conversation = ids(fake, "conversations").find((id) => fake.workspace.partCount(id) > 0)!;
    await sqliteQuery(path, "DELETE FROM tags WHERE id = ?", tag);
    await sqliteQuery(path, "DELETE FROM contacts WHERE id = ?", contact);
    await sqliteQuery(
      path,
      "DELETE FROM conversation_parts WHERE rowid IN (SELECT rowid FROM conversation_parts WHERE conversation_id = ? LIMIT 1)",
      conversation,
    );
    // A row Intercom does not have.
    await sqliteQuery(path, "INSERT INTO admins (id, data, _synced_at) VALUES ('999999', '{}', 0)");

    const text = await verify(fake.url, ["--sqlite", path]);
    expect(text.exitCode).toBe(DIFFERENCES);
    expect(text.stdout).toContain(`tags: missing 1: ${tag}`);
    expect(text.stdout).toContain("admins: extra 1 (no longer in Intercom): 999999");
    expect(text.stdout).toContain("contacts: Intercom has 1 more than the output holds (by count only");
    const parts = fake.workspace.partCount(conversation);
    expect(text.stdout).toContain(`conversation_parts: conversation ${conversation}: Intercom returns ${parts} parts, ${parts - 1} held`);
    expect(text.stdout).toMatch(/^tags\s+ids\s+15\s+14\s+1\s+0\s+differs$/m);

    const { exitCode, report, byStream } = await verifyJson(fake.url, ["--sqlite", path]);
    expect(exitCode).toBe(DIFFERENCES);
    expect(report.matches).toBe(false);
    expect(byStream.tags).toMatchObject({ missing: [tag], extra: [], matches: false });
    expect(byStream.admins).toMatchObject({ missing: [], extra: ["999999"], matches: false });
    expect(byStream.contacts).toMatchObject({ intercom: 320, held: 319, unexplained: 1, matches: false });
    expect(byStream.conversation_parts!.parts).toEqual([{ conversation_id: conversation, intercom: parts, held: parts - 1 }]);
    expect(byStream.teams).toMatchObject({ matches: true });
  });
});

test("rows marked deleted (`_deleted_at`) are not live: Intercom still has them, so they are missing", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const path = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", path]);
    const tag = ids(fake, "tags")[2]!;
    await sqliteQuery(path, "UPDATE tags SET _deleted_at = 1700000000 WHERE id = ?", tag);
    const { exitCode, byStream } = await verifyJson(fake.url, ["--sqlite", path]);
    expect(exitCode).toBe(DIFFERENCES);
    expect(byStream.tags).toMatchObject({ held: 14, missing: [tag], extra: [] });
  });
});

test("changes made in Intercom after the export are named: a new contact missing, a conversation with a new part", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const path = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", path]);
    catchUp(fake);
    const contact = fake.workspace.createContact();
    const conversation = ids(fake, "conversations")[3]!;
    fake.workspace.addConversationPart(conversation);
    await settle();

    const text = await verify(fake.url, ["--sqlite", path]);
    expect(text.exitCode).toBe(DIFFERENCES);
    expect(text.stdout).toContain(`contacts: missing 1: ${contact}`);
    expect(text.stdout).toContain(`conversations: changed in Intercom since the output (its copy is older) 1: ${conversation}`);
    const parts = fake.workspace.partCount(conversation);
    expect(text.stdout).toContain(`conversation ${conversation}: Intercom returns ${parts} parts, ${parts - 1} held`);

    const { byStream } = await verifyJson(fake.url, ["--sqlite", path]);
    expect(byStream.contacts).toMatchObject({ intercom: 321, held: 320, missing: [contact], unexplained: 0, changed: [] });
    expect(byStream.conversations).toMatchObject({ changed: [conversation], missing: [], matches: false });

    // A sync brings the output up to date: verify is clean again.
    await sync(fake.url, dir, ["--sqlite", path]);
    expect((await verify(fake.url, ["--sqlite", path])).exitCode).toBe(0);
  });
});

test("an --output file verifies clean; deletion lines and changes behind its back are named", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const file = join(dir, "out.jsonl");
    await sync(fake.url, dir, ["--output", file]);
    // Full tables are appended again on a second run: repeats are one record.
    await sync(fake.url, dir, ["--output", file]);
    // Read only: verify never opens the output to write (an export may be a read-only artifact).
    chmodSync(file, 0o400);
    const clean = await verifyJson(fake.url, ["--output", file]);
    chmodSync(file, 0o600);
    expect(clean.exitCode).toBe(0);
    expect(clean.report).toMatchObject({ output: file, matches: true });
    expect(clean.byStream.tags).toMatchObject({ intercom: 15, held: 15 });
    const parts = await verify(fake.url, ["--output", file], ["--streams", "conversation_parts"]);
    expect(parts.exitCode).toBe(0);
    expect(parts.stdout).toMatch(/^conversation_parts\s+parts\s+\d+\s+\d+\s+0\s+0\s+ok$/m);

    // A deletion line for a tag Intercom still has, and for a conversation: its parts are implied deleted.
    const tag = ids(fake, "tags")[0]!;
    const conversation = ids(fake, "conversations").find((id) => fake.workspace.partCount(id) > 0)!;
    appendFileSync(file, `${JSON.stringify({ stream: "tags", deleted: { id: tag, deleted_at: 1_700_000_000 } })}\n`);
    appendFileSync(file, `${JSON.stringify({ stream: "conversations", deleted: { id: conversation, deleted_at: 1_700_000_000 } })}\n`);
    catchUp(fake);
    const contact = fake.workspace.createContact();
    await settle();

    const text = await verify(fake.url, ["--output", file]);
    expect(text.exitCode).toBe(DIFFERENCES);
    expect(text.stdout).toContain(`tags: missing 1: ${tag}`);
    expect(text.stdout).toContain(`contacts: missing 1: ${contact}`);
    expect(text.stdout).toContain("conversations: Intercom has 1 more than the output holds");
    const { byStream } = await verifyJson(fake.url, ["--output", file]);
    expect(byStream.conversations).toMatchObject({ intercom: SMALL_SIZES.conversations, held: SMALL_SIZES.conversations - 1, unexplained: 1 });
    // The deleted conversation's parts are not held, and not compared (its count left with it).
    expect(byStream.conversation_parts!.parts).toEqual([]);
    expect(byStream.conversation_parts!.held).toBe(clean.byStream.conversation_parts!.held - fake.workspace.partCount(conversation));
  });
});

test("a conversation over the 500-part cap is listed as unreachable, not missing", async () => {
  const fake = await startFake();
  const conversation = ids(fake, "conversations")[0]!;
  for (let i = 0; i < 505; i++) fake.workspace.addConversationPart(conversation);
  const count = fake.workspace.partCount(conversation);
  await withTempDir(async (dir) => {
    const path = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", path, "--streams", "conversations,conversation_parts"]);
    const text = await verify(fake.url, ["--sqlite", path]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(
      `conversation ${conversation} has ${count} parts: Intercom returns the newest 500, the older ${count - 500} are unreachable`,
    );
    const { byStream } = await verifyJson(fake.url, ["--sqlite", path]);
    expect(Object.keys(byStream)).toEqual(["conversations", "conversation_parts"]);
    const named = await verify(fake.url, ["--sqlite", path], ["--streams", "conversations,tags"]);
    expect({ exitCode: named.exitCode, stderr: named.stderr }).toEqual({
      exitCode: 0,
      stderr: expect.stringContaining("not in the output, so not compared: tags"),
    });
    expect(byStream.conversation_parts).toMatchObject({ parts: [], unreachable: [{ conversation_id: conversation, count }], matches: true });
  });
});

test("verify without an output, or with a file that is not there, is a usage error (exit 2)", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const neither = await verify(fake.url, []);
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain("--sqlite FILE, --output FILE, --parquet DIR or --csv DIR (one of them)");
    const absent = await verify(fake.url, ["--sqlite", join(dir, "nope.db")]);
    expect(absent.exitCode).toBe(2);
    expect(absent.stderr).toContain("no SQLite database at");
    const help = await runCli(["--help"]);
    expect(help.stdout + help.stderr).toContain("6   verify found differences");
  });
});

test("a company deleted in Intercom but held live is looked up (GET /companies answers 404) and named extra, exit 6, not ok", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const path = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", path]);
    const company = String([...fake.workspace.records("companies")][6]!.id);
    fake.workspace.deleteRecord("companies", company);
    const { exitCode, byStream } = await verifyJson(fake.url, ["--sqlite", path]);
    expect(exitCode).toBe(DIFFERENCES);
    expect(byStream.companies).toMatchObject({ comparedBy: "ids", held: SMALL_SIZES.companies, extra: [company], matches: false });
    expect(fake.stats.byRoute["GET /companies/{id}"]).toBe(1);
  });
});
