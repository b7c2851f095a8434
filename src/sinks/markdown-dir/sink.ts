/**
 * `--markdown-dir DIR`: one `.md` file per conversation, ticket and article (YAML front matter, then the document
 * streams' markdown), for people and for file-based loaders (LlamaIndex's SimpleDirectoryReader, LangChain's
 * DirectoryLoader). Layout in paths.ts.
 *
 * Transcripts are written as their pages arrive, each file replaced atomically, and only then is the page's
 * progress committed: the state never claims a transcript the directory lacks, and no run holds more than a page
 * of them (a 100,000-conversation export streams through). A deleted conversation's file is removed the same way.
 * The articles' tree is brought in line at the end of the run (article-tree.ts), from the staging database.
 *
 * The directory carries its own state like a --sqlite database: `DIR/.intercom-sync.sqlite` holds it, written in
 * the transaction that follows each page's files, with the collections and the articles' documents the tree is
 * made from, and the list of the files written (file-index.ts). A directory removed (or emptied of that file) holds no state, so the next run exports everything into
 * it again, rebuilding every file (the run state says so when a state file has cursors): never "up to date"
 * over missing files.
 */
import { SinkError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";
import { createSqliteSink, type SqliteSinkOptions } from "../sqlite.ts";
import type { Deletion, JsonRecord, PageBatch, Sink, StreamInfo } from "../types.ts";
import { ARTICLE_STREAM, COLLECTION_STREAM, syncArticleTree } from "./article-tree.ts";
import { documentFileText } from "./document-file.ts";
import { missingFiles, TranscriptFileIndex } from "./file-index.ts";
import { DirectoryFiles } from "./files.ts";
import { isTranscriptStream, transcriptPath, type TranscriptStream } from "./paths.ts";

/** The streams staged in the directory's database: what the articles' tree is made from. */
const STAGED: ReadonlySet<string> = new Set([ARTICLE_STREAM, COLLECTION_STREAM]);

/** The database inside the directory: its state, collections and articles' documents. */
export function markdownDirDatabasePath(dir: string): string {
  return `${dir.replace(/\/+$/, "") || "/"}/.intercom-sync.sqlite`;
}

/**
 * Transcripts' files deleted by hand since a run wrote them, one warning per stream: the state still covers them,
 * so only --full-refresh (or removing the directory) writes them again.
 */
export async function markdownDirProblems(dir: string): Promise<string[]> {
  return (await missingFiles(dir, markdownDirDatabasePath(dir))).map(({ stream, count, examples }) =>
    `--markdown-dir ${dir}: ${count} ${stream} file${count === 1 ? " is" : "s are"} missing (${examples.join(", ")}${
      count > examples.length ? ", …" : ""
    }), ` +
    "deleted since a run wrote them; this run writes only documents that changed in Intercom, so run once with " +
    "--full-refresh to write them again"
  );
}

export function createMarkdownDirSink(dir: string, options: SqliteSinkOptions = {}): Sink {
  const staging = createSqliteSink(markdownDirDatabasePath(dir), options);
  const files = new DirectoryFiles(dir);
  let staged = new Set<string>();
  let opened = false;
  let index: TranscriptFileIndex | undefined;

  const writeTranscripts = async (stream: TranscriptStream, records: readonly JsonRecord[], deletions: readonly Deletion[]) => {
    try {
      const written = records.map((record) => ({ id: String(record.id), path: transcriptPath(stream, String(record.id)) }));
      await files.writeAll(records.map((record, i) => ({ relative: written[i]!.path, text: documentFileText(record) })));
      const removed = deletions.flatMap((deletion) => deletion.key.id === undefined ? [] : [deletion.key.id]);
      for (const id of removed) await files.remove(transcriptPath(stream, id));
      // Listed after the files and before the state: the start of a run can tell a file deleted by hand.
      index!.record(stream, written, removed);
    } catch (error) {
      throw new SinkError(
        `--markdown-dir ${dir}: could not write a ${stream} file (${error instanceof Error ? error.message : String(error)}); ` +
          "the state was not advanced past it, so the next run writes it again",
        dir,
        error,
      );
    }
  };

  const commit = async (batch: PageBatch) => {
    for (const page of batch.pages) {
      if (isTranscriptStream(page.stream)) await writeTranscripts(page.stream, page.records, page.deletions ?? []);
    }
    await staging.commit!({ ...batch, pages: batch.pages.filter((page) => staged.has(page.stream)) });
  };

  return {
    async open(infos: StreamInfo[]) {
      await prepareDirectory(dir);
      const stagedInfos = infos.filter((info) => STAGED.has(info.name));
      staged = new Set(stagedInfos.map((info) => info.name));
      await staging.open(stagedInfos);
      index = await TranscriptFileIndex.open(markdownDirDatabasePath(dir));
      opened = true;
    },
    write: (stream, records, deletions) => commit({ pass: stream, pages: [{ stream, records, ...(deletions ? { deletions } : {}) }] }),
    commit,
    finish: (summary) => staging.finish!(summary),
    async close() {
      index?.close();
      index = undefined;
      await staging.close();
      if (!opened || !staged.has(ARTICLE_STREAM)) return;
      try {
        await syncArticleTree(markdownDirDatabasePath(dir), files);
      } catch (error) {
        throw new SinkError(
          `--markdown-dir ${dir}: could not bring the articles' files in line (${error instanceof Error ? error.message : String(error)}); ` +
            "the next run tries again",
          dir,
          error,
        );
      }
    },
  };
}

async function prepareDirectory(dir: string): Promise<void> {
  try {
    await runtime.makeDirectory(dir);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "its parent directory does not exist" : code === "ENOTDIR" ? "a file is in the way" : String(error);
    throw new SinkError(`Cannot create the --markdown-dir directory ${dir}: ${why}; create it or pass another --markdown-dir`, dir, error, 2);
  }
}
