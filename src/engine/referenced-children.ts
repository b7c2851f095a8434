/**
 * A child read of records its parents refer to (ChildRead.references: the custom object instances a conversation's
 * custom attributes list): each reference is asked for by its own GET, once a run however many parents name it, the
 * GETs bounded in parallel as the per-parent requests are. A reference gone before it is read (404) is skipped and
 * said; a workspace whose plan lacks the feature (403) is said once, and the stream is empty.
 */
import type { ChildRead, JsonRecord, StreamDefinition } from "../streams/types.ts";
import { mapOrdered } from "./limiter.ts";
import type { Pass, PassContext } from "./pass.ts";
import { valueAt } from "./records.ts";
import { MalformedPageError, NotFoundError, PermissionError } from "../errors.ts";

type References = NonNullable<ChildRead["references"]>;

interface RunRefs {
  /** "type/id" of every reference asked for this run, so each is read once. */
  asked: Set<string>;
  /** Streams whose plan lacks the feature (403), said once. */
  withoutFeature: Set<string>;
}

/** Per run: keyed by the run's options, which every context a run derives shares (as batched-children.ts). */
const runs = new WeakMap<object, RunRefs>();

function runRefs(context: PassContext): RunRefs {
  let refs = runs.get(context.options);
  if (!refs) runs.set(context.options, refs = { asked: new Set(), withoutFeature: new Set() });
  return refs;
}

/** The `{type, id}` references in `parent` at `references.field`: every value there that holds a `list` array. */
export function referencesOf(parent: JsonRecord, references: References): JsonRecord[] {
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
  parents: readonly JsonRecord[],
): Promise<JsonRecord[]> {
  const refs = runRefs(context);
  const wanted: JsonRecord[] = [];
  for (const ref of parents.flatMap((parent) => referencesOf(parent, references))) {
    const key = `${String(ref.type)}/${String(ref.id)}`;
    if (refs.asked.has(key)) continue;
    refs.asked.add(key);
    wanted.push(ref);
  }
  const records = await mapOrdered(wanted, context.options.childConcurrency, async (ref) => {
    if (refs.withoutFeature.has(child.name)) return [];
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
      if (!refs.withoutFeature.has(child.name)) {
        refs.withoutFeature.add(child.name);
        context.warn(
          child.name,
          `GET ${read.path} answered ${error.status}: this workspace has no ${child.feature}, so ${child.name} is empty; not an error`,
        );
      }
      return [];
    }
  });
  return records.flat();
}

/**
 * Called before the parents' pass; the function it returns, after it. A stream of references that found none on a
 * complete read (a first run, or --full-refresh) says once that the workspace seems to have none of the feature, so
 * an empty stream is explained. Whether the read is complete is judged before the pass moves the state.
 */
export function sayIfNoneReferenced(context: PassContext, pass: Pass): () => void {
  const streams = pass.children.filter((child) =>
    child.read.kind === "child" && child.read.references !== undefined &&
    (context.options.fullRefresh || context.store.get(child.name)?.lastSyncedAt === undefined)
  );
  return () => {
    const refs = runs.get(context.options);
    if (refs && refs.asked.size > 0) return;
    for (const child of streams) {
      if (refs?.withoutFeature.has(child.name)) continue;
      context.warn(
        child.name,
        `no ${pass.root.name} record refers to one: this workspace seems to have no ${
          child.feature ?? child.name
        }, so ${child.name} is empty; not an error`,
      );
    }
  };
}
