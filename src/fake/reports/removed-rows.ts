/**
 * Report rows a test removed (a conversation deleted: its rows leave the datasets), per workspace, so that a
 * re-exported window holds fewer rows than before.
 */
import type { Workspace } from "../workspace.ts";

const removed = new WeakMap<Workspace, Set<string>>();

export function removedRows(ws: Workspace): Set<string> {
  let set = removed.get(ws);
  if (!set) removed.set(ws, set = new Set());
  return set;
}

export const rowKey = (datasetId: string, k: number) => `${datasetId}:${k}`;
