/**
 * A child read of records its parents refer to (ChildRead.references: the custom object instances a conversation's
 * custom attributes or a ticket's ticket attributes list): each reference is asked for by its own GET, once a run
 * however many parents (of one or several parent streams) name it, the GETs bounded in parallel as the per-parent
 * requests are. A reference gone before it is read (404) is skipped and said; a workspace whose plan lacks the
 * feature (403) is said once, and the stream is empty. References to a type read whole (whole-types.ts) are not
 * asked for: the whole listing has them.
 */
import { type ChildRead, type JsonRecord, parentStreams, type References, type StreamDefinition } from "../streams/types.ts";
import { mapOrdered } from "./limiter.ts";
import { knownWithoutFeature, sayWithoutFeature } from "./without-feature.ts";
import type { Pass, PassContext } from "./pass.ts";
import { valueAt } from "./records.ts";
import { MalformedPageError, NotFoundError, PermissionError } from "../errors.ts";

export interface RunRefs {
  /** "type/id" of every reference asked for this run, so each is read once. */
  asked: Set<string>;
  /** Records the whole listings of types found this run, by stream (whole-types.ts). */
  listed: Map<string, number>;
  /** Per stream: the passes still to end before "none referenced" is judged, and whether every read was complete. */
  pending: Map<string, { passes: number; complete: boolean }>;
}

/** Per run: keyed by the run's options, which every context a run derives shares (as batched-children.ts). */
const runs = new WeakMap<object, RunRefs>();

export function runRefs(context: PassContext): RunRefs {
  let refs = runs.get(context.options);
  if (!refs) runs.set(context.options, refs = { asked: new Set(), listed: new Map(), pending: new Map() });
  return refs;
}

/** Where records of `parent` (a stream) hold their references: the first parent's `field`, or its `alsoFrom` entry. */
export function referencesField(references: References, read: ChildRead, parent: string): string[] {
  return parent === read.parent ? references.field : references.alsoFrom?.[parent] ?? references.field;
}

/** The `{type, id}` references in `parent` at `field`: every value there that holds a `list` array. */
export function referencesOf(parent: JsonRecord, references: Pick<References, "field" | "list">): JsonRecord[] {
  const holder = valueAt(parent, references.field);
  if (holder === null || typeof holder !== "object") return [];
  const found: JsonRecord[] = [];
  for (const value of Object.values(holder as JsonRecord)) {
    const list = value !== null && typeof value === "object" ? (value as JsonRecord)[references.list] : undefined;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const ref = item as JsonRecord | null;
      if (ref && typeof ref === "object" && ref.type != null && ref.id != null) found.push({ type: ref.type, id: ref.id });
    }
  }
  return found;
}

const TEMPLATE_FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The GET of one reference: `read.path` filled from it, e.g. /custom_object_instances/Order/42. */
export function referencePath(read: ChildRead, ref: JsonRecord): string {
  return read.path.replace(TEMPLATE_FIELD, (_, field: string) => encodeURIComponent(String(ref[field])));
}

export async function referencedChildren(
  context: PassContext,
  child: StreamDefinition,
  read: ChildRead,
  references: References,
  parentStream: string,
  parents: readonly JsonRecord[],
): Promise<JsonRecord[]> {
  const refs = runRefs(context);
  const wanted: JsonRecord[] = [];
  const where = { field: referencesField(references, read, parentStream), list: references.list };
  const whole = new Set(references.whole ? context.options.wholeTypes ?? [] : []);
  for (const ref of parents.flatMap((parent) => referencesOf(parent, where))) {
    if (whole.has(String(ref.type))) continue;
    const key = `${String(ref.type)}/${String(ref.id)}`;
    if (refs.asked.has(key)) continue;
    refs.asked.add(key);
    wanted.push(ref);
  }
  const records = await mapOrdered(wanted, context.options.childConcurrency, async (ref) => {
    if (knownWithoutFeature(context, child.name)) return [];
    const path = referencePath(read, ref);
    try {
      const body = await context.client.request({ method: "GET", path, stream: child.name, signal: context.signal });
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        throw new MalformedPageError(child.name, `expected one record from GET ${path}`);
      }
      return [body as JsonRecord];
    } catch (error) {
      if (error instanceof NotFoundError && error.status === 404) {
        context.countSkipped(child.name, `${String(ref.type)} ${String(ref.id)} was deleted before it could be read (404); skipped`);
        return [];
      }
      if (!(error instanceof PermissionError) || child.feature === undefined) throw error;
      sayWithoutFeature(context, child, `GET ${read.path}`, error.status);
      return [];
    }
  });
  return records.flat();
}

/**
 * Called before the parents' pass; the function it returns, after it. A stream of references that found none on a
 * complete read (a first run, or --full-refresh) says once that the workspace seems to have none of the feature, so
 * an empty stream is explained. A stream read on several parents' passes (`passesOf`) is judged after the last, on
 * what all of them found. Whether a read is complete is judged before its pass moves the state.
 */
export function sayIfNoneReferenced(context: PassContext, pass: Pass, passesOf: ReadonlyMap<string, number>): () => void {
  const refs = runRefs(context);
  const streams = pass.children.filter((child) => child.read.kind === "child" && child.read.references !== undefined);
  for (const child of streams) {
    const complete = context.options.fullRefresh || context.store.get(child.name)?.lastSyncedAt === undefined;
    const pending = refs.pending.get(child.name) ?? { passes: passesOf.get(child.name) ?? 1, complete: true };
    refs.pending.set(child.name, { passes: pending.passes, complete: pending.complete && complete });
  }
  return () => {
    for (const child of streams) {
      const pending = refs.pending.get(child.name)!;
      pending.passes--;
      if (pending.passes > 0 || !pending.complete) continue;
      if (refs.asked.size > 0 || (refs.listed.get(child.name) ?? 0) > 0 || knownWithoutFeature(context, child.name)) continue;
      const parents = parentStreams(child.read as ChildRead).join(" or ");
      context.warn(
        child.name,
        `no ${parents} record refers to one: this workspace seems to have no ${child.feature ?? child.name}, so ${child.name} is empty; not an error`,
      );
    }
  };
}
