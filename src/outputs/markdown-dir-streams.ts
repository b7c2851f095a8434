/**
 * The streams a `--markdown-dir` run exports: the directory holds documents only, so the flag implies the document
 * streams (all three when --streams is not given, else the ones it names) and adds `collections` for the
 * articles' tree. A stream whose records would have no file there is refused rather than read for nothing.
 */
import { ConfigError } from "../errors.ts";
import type { StreamName } from "../streams/catalog.ts";

export const DOCUMENT_STREAMS = ["conversation_transcripts", "ticket_transcripts", "article_documents"] as const satisfies readonly StreamName[];

export function markdownDirStreams(named: readonly StreamName[] | undefined, reports: boolean): StreamName[] {
  const documents: readonly StreamName[] = DOCUMENT_STREAMS;
  const others = (named ?? []).filter((name) => !documents.includes(name) && name !== "collections");
  if (others.length > 0 || reports) {
    const names = [...others, ...(reports ? ["report streams"] : [])].join(", ");
    throw new ConfigError(
      `--markdown-dir writes documents only (${DOCUMENT_STREAMS.join(", ")}); ${names} would be read and written ` +
        "nowhere. Leave them out of --streams, or export them in a run with another output.",
    );
  }
  const chosen = named === undefined || named.length === 0 ? documents : documents.filter((name) => named.includes(name));
  // An article's folder follows its collections, read whole every run.
  return chosen.includes("article_documents") ? [...chosen, "collections"] : [...chosen];
}
