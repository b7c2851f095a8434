/**
 * The `read --state` file → each stream's StreamProgress. Accepted forms:
 * - an array of Airbyte state messages: per-stream (`{type: "STREAM", stream: {stream_descriptor, stream_state}}`),
 *   global (`{type: "GLOBAL", global: {stream_states: [...]}}`) or legacy (`{type: "LEGACY", data: {...}}`),
 *   each optionally wrapped as a whole AirbyteMessage (`{type: "STATE", state: {...}}`);
 * - the legacy object `{stream: state}`, also as Singer's `{bookmarks: {...}}` or our own state file.
 * A stream's state is our StreamProgress; the Airbyte Intercom source's `{updated_at: n}` (or created_at) is
 * taken as the cursor, so an existing connection keeps its place.
 */
import * as v from "valibot";
import type { StreamProgress } from "../../engine/state-store.ts";
import { ConfigError } from "../../http/errors.ts";
import { StreamStateSchema } from "../../state/schema.ts";
import { isStreamName } from "../../streams/catalog.ts";
import { parseWith, readJsonFile } from "./json-file.ts";

export interface StateInput {
  streams: Record<string, StreamProgress>;
  /** Streams in the file that this tool does not know; their state is dropped. */
  unknown: string[];
}

type Blobs = Record<string, unknown>;

export function parseStateInput(value: unknown): StateInput {
  const blobs = Array.isArray(value) ? fromMessages(value) : fromObject(value);
  const streams: Record<string, StreamProgress> = {};
  const unknown: string[] = [];
  for (const [name, blob] of Object.entries(blobs)) {
    if (!isStreamName(name)) unknown.push(name);
    else if (blob !== null && blob !== undefined) streams[name] = toProgress(name, blob);
  }
  return { streams, unknown };
}

export async function loadStateInput(path: string): Promise<StateInput> {
  return parseStateInput(await readJsonFile(path, "state file"));
}

function fromMessages(messages: unknown[]): Blobs {
  const blobs: Blobs = {};
  for (const item of messages) {
    const message = isObject(item) && item.type === "STATE" && isObject(item.state) ? item.state : item;
    if (!isObject(message)) throw new ConfigError("the state file holds an entry that is not a state message");
    const type = message.type ?? (message.data !== undefined ? "LEGACY" : undefined);
    if (type === "STREAM") addStreamState(blobs, message.stream);
    else if (type === "GLOBAL" && isObject(message.global) && Array.isArray(message.global.stream_states)) {
      for (const state of message.global.stream_states) addStreamState(blobs, state);
    } else if (type === "LEGACY") Object.assign(blobs, fromObject(message.data));
    else throw new ConfigError(`the state file holds a state message of unknown type ${JSON.stringify(type)}`);
  }
  return blobs;
}

function addStreamState(blobs: Blobs, state: unknown): void {
  const name = isObject(state) && isObject(state.stream_descriptor) ? state.stream_descriptor.name : undefined;
  if (typeof name !== "string") throw new ConfigError("the state file holds a stream state without stream_descriptor.name");
  blobs[name] = (state as Record<string, unknown>).stream_state ?? {};
}

function fromObject(value: unknown): Blobs {
  if (!isObject(value)) throw new ConfigError("the state file is neither an array of state messages nor an object");
  if (isObject(value.bookmarks)) return value.bookmarks;
  if (typeof value.version === "number" && isObject(value.streams)) return value.streams;
  return value;
}

const LegacyCursor = v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.isoTimestamp())]);

function toProgress(stream: string, blob: unknown): StreamProgress {
  if (!isObject(blob)) throw new ConfigError(`the state of ${stream} is not an object`);
  let progress: Record<string, unknown> = blob;
  if (blob.cursor === undefined) {
    const legacy = blob.updated_at ?? blob.created_at;
    if (v.is(LegacyCursor, legacy)) {
      const seconds = typeof legacy === "number" ? legacy : Math.floor(Date.parse(legacy) / 1000);
      // Airbyte's Intercom source kept unix seconds; guard against milliseconds all the same.
      progress = { cursor: seconds > 100_000_000_000 ? Math.floor(seconds / 1000) : seconds };
    }
  }
  return parseWith(StreamStateSchema, progress, `state of ${stream}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
