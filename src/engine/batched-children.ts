/**
 * A child read for its parents `batch.size` at a time (ChildRead.batch): one POST per batch whose JSON body names
 * the parents' ids (POST /calls/search {conversation_ids: [...]}, at most 20), the batches bounded in parallel as
 * the per-parent requests are. A child of a feature the workspace lacks (404 or 403: no calls) is said once and
 * yields nothing for the rest of the run.
 */
import { knownWithoutFeature, sayWithoutFeature } from "./without-feature.ts";
import type { ChildRead, JsonRecord, StreamDefinition } from "../streams/types.ts";
import { mapOrdered } from "./limiter.ts";
import type { PassContext } from "./pass.ts";
import { selectRecords } from "./records.ts";
import { NotFoundError, PermissionError } from "../errors.ts";

export async function batchedChildren(
  context: PassContext,
  child: StreamDefinition,
  read: ChildRead,
  { size, idsField }: NonNullable<ChildRead["batch"]>,
  parents: readonly JsonRecord[],
): Promise<JsonRecord[]> {
  const batches: JsonRecord[][] = [];
  for (let start = 0; start < parents.length; start += size) batches.push(parents.slice(start, start + size));
  const lists = await mapOrdered(batches, context.options.childConcurrency, async (batch) => {
    if (knownWithoutFeature(context, child.name)) return [];
    try {
      const body = await context.client.request({
        method: "POST",
        path: read.path,
        body: { [idsField]: batch.map((parent) => String(parent.id)) },
        stream: child.name,
        signal: context.signal,
      });
      return selectRecords(body, read.recordPath, child.name);
    } catch (error) {
      const absent = error instanceof PermissionError || (error instanceof NotFoundError && error.status === 404);
      if (!absent || child.feature === undefined) throw error;
      sayWithoutFeature(context, child, `POST ${read.path}`, error.status);
      return [];
    }
  });
  return lists.flat();
}
