/**
 * Where each document lives inside a --markdown-dir directory:
 * - `conversations/<id>.md`, `tickets/<id>.md`;
 * - `articles/<collection-id>-<slug>/<section-id>-<slug>/…/<id>-<slug>.<locale>.md`, following the help center's
 *   collections (an article outside every collection directly under `articles/`).
 * Ids and locales come from Intercom; anything in them that is not a safe file-name character is replaced, so no
 * id can name a path outside the directory.
 */

/** The document streams the directory holds, and the folder of the transcripts. */
export const TRANSCRIPT_FOLDERS = { conversation_transcripts: "conversations", ticket_transcripts: "tickets" } as const;
export type TranscriptStream = keyof typeof TRANSCRIPT_FOLDERS;
export const ARTICLE_FOLDER = "articles";

export function isTranscriptStream(stream: string): stream is TranscriptStream {
  return Object.hasOwn(TRANSCRIPT_FOLDERS, stream);
}

/** A path inside the directory, relative to it, `/`-separated. */
export function transcriptPath(stream: TranscriptStream, id: string): string {
  return `${TRANSCRIPT_FOLDERS[stream]}/${safeName(id)}.md`;
}

/** A collection as the tree needs it: its folder's name and the collection it is a section of. */
export interface TreeCollection {
  folder: string;
  parentId: string | null;
}

/**
 * A collection's folder: `<id>-<slug>`, always with the id, as articles' files are named. Two collections of one
 * name under one parent are two folders, as in the help center; and the id always, not only on a clash, so a
 * folder's name depends on its collection alone: a namesake created or deleted later moves no file.
 */
export function collectionFolder(id: string, name: string): string {
  return `${safeName(id)}-${slug(name, "collection")}`;
}

/**
 * The article's path: its first collection's chain of folders from the top, then `<id>-<slug>.<locale>.md`. A chain
 * that loops or names a collection the run never saw stops there (the article stays reachable, one level higher).
 */
export function articlePath(
  article: { id: string; title: string | null; locale: string | null; collectionId: string | null },
  collections: ReadonlyMap<string, TreeCollection>,
): string {
  const folders: string[] = [];
  const visited = new Set<string>();
  for (let id = article.collectionId; id !== null && !visited.has(id);) {
    visited.add(id);
    const collection = collections.get(id);
    if (collection === undefined) break;
    folders.unshift(collection.folder);
    id = collection.parentId;
  }
  const name = `${safeName(article.id)}-${slug(article.title ?? "", "article")}.${safeName(article.locale ?? "und")}.md`;
  return [ARTICLE_FOLDER, ...folders, name].join("/");
}

/**
 * A title as a file-name slug: accents dropped (é → e), lower case, runs of anything but letters and digits as
 * one `-`, at most 60 characters; `fallback` when nothing is left (a title in a script without Latin letters).
 */
export function slug(text: string, fallback: string): string {
  const plain = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const cut = plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return cut === "" ? fallback : cut;
}

/** An id or locale as one safe path segment: letters, digits, `_`, `-` and inner dots only; never `.` or `..`. */
function safeName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/^\.+/, "_");
  return safe === "" ? "_" : safe;
}
