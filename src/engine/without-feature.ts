/**
 * Child streams the workspace's plan lacks (Intercom answers 403, or 404 for a batched list): each is said once per
 * run and is empty from then on. Kept per run by the run's options, which every context a run derives shares.
 */
import type { StreamDefinition } from "../streams/types.ts";
import type { PassContext } from "./pass.ts";

const streamsWithout = new WeakMap<object, Set<string>>();

/** Whether `stream` was found without its feature earlier in this run. */
export function knownWithoutFeature(context: PassContext, stream: string): boolean {
  return streamsWithout.get(context.options)?.has(stream) ?? false;
}

/** Records that `child`'s feature is missing, as `request` answered `status`, and warns the first time in the run. */
export function sayWithoutFeature(context: PassContext, child: StreamDefinition, request: string, status: number): void {
  let streams = streamsWithout.get(context.options);
  if (!streams) streamsWithout.set(context.options, streams = new Set());
  if (streams.has(child.name)) return;
  streams.add(child.name);
  context.warn(child.name, `${request} answered ${status}: this workspace has no ${child.feature}, so ${child.name} is empty; not an error`);
}
