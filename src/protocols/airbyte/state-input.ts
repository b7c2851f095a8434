/**
 * The `--state` file of `airbyte read` and of the Singer tap → each stream's saved state, mapped. Accepted forms:
 * - an array of Airbyte state messages: per-stream (`{type: "STREAM", stream: {stream_descriptor, stream_state}}`),
 *   global (`{type: "GLOBAL", global: {shared_state, stream_states: [...]}}`) or legacy (`{type: "LEGACY", data}`),
 *   each optionally wrapped as a whole AirbyteMessage (`{type: "STATE", state: {...}}`);
 * - the legacy object `{stream: state}`, Singer's `{bookmarks: {...}}` (also with `currently_syncing`), or our own
 *   state file.
 * Each stream's state is mapped by mapStreamState (every shape the Airbyte Intercom connector has written).
 */
import { ConfigError } from "../../errors.ts";
import { streamByName } from "../../streams/catalog.ts";
import { type MappedState, mapStreamState } from "../stream-state.ts";
import { readJsonFile } from "./json-file.ts";

export interface StateInput {
  streams: Record<string, MappedState>;
  /** Streams in the file that this tool does not have; their state is dropped. */
  unknown: string[];
  /** Every stream's state as the file holds it, so a Singer STATE can carry unselected streams forward. */
  raw: Record<string, unknown>;
}

type Blobs = Record<string, unknown>;

export function parseStateInput(value: unknown): StateInput {
  const blobs = Array.isArray(value) ? fromMessages(value) : fromObject(value);
  const streams: Record<string, MappedState> = {};
  const unknown: string[] = [];
  for (const [name, blob] of Object.entries(blobs)) {
    const stream = streamByName(name);
    if (stream === undefined) unknown.push(name);
    else streams[name] = mapStreamState(stream, blob);
  }
  return { streams, unknown, raw: blobs };
}

/** No --state given. */
export const NO_STATE: StateInput = { streams: {}, unknown: [], raw: {} };

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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
