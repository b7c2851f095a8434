/**
 * The compact text a complete read's keys travel as (`seen.packed`): inside the state file, the database and the
 * Airbyte and Singer STATE messages, so whatever keeps the output's state keeps what deletions are found from.
 *
 * Body, before gzip and base64 (one letter says which):
 * - `n`: every key a decimal integer (admins, tags, teams…): sorted numerically, the differences in base 36,
 *   comma-separated — 100,000 ids take about 1.4 KB;
 * - `f`: otherwise (ObjectId-shaped companies, two-field keys): sorted, each line the length of the prefix it
 *   shares with the line before (base 36), a space, and the rest — gzip then finds what the rest repeats;
 * - `j`: a JSON array, for the odd key holding a newline.
 * Web standards only (CompressionStream, btoa), so Bun, Deno and a browser-free Node all read it.
 *
 * @example
 * const packed = await packKeys(["9100001", "9100007"]); // "H4sI…"
 * await unpackKeys(packed); // ["9100001", "9100007"] (sorted as the state's digest expects)
 */

/** Decimal integers without a leading zero, small enough to subtract exactly. */
const DECIMAL = /^(0|[1-9][0-9]{0,14})$/;

export async function packKeys(keys: readonly string[]): Promise<string> {
  return toBase64(await gzip(keyBody(keys)));
}

/** The keys back, sorted as `Array.prototype.sort` sorts them; throws on text that is not a packed list. */
export async function unpackKeys(packed: string): Promise<string[]> {
  const body = await gunzip(fromBase64(packed));
  const kind = body.slice(0, 1);
  const rest = body.slice(2);
  let keys: string[];
  if (kind === "n") {
    keys = [];
    let value = 0;
    for (const delta of rest === "" ? [] : rest.split(",")) keys.push(String(value += Number.parseInt(delta, 36)));
  } else if (kind === "f") {
    keys = [];
    let previous = "";
    for (const line of rest === "" ? [] : rest.split("\n")) {
      const space = line.indexOf(" ");
      previous = previous.slice(0, Number.parseInt(line.slice(0, space), 36)) + line.slice(space + 1);
      keys.push(previous);
    }
  } else if (kind === "j") keys = JSON.parse(rest) as string[];
  else throw new Error(`not a packed key list (kind ${JSON.stringify(kind)})`);
  return keys.sort();
}

function keyBody(keys: readonly string[]): string {
  if (keys.every((key) => DECIMAL.test(key))) {
    const numbers = keys.map(Number).sort((a, b) => a - b);
    return `n\n${numbers.map((value, index) => (index === 0 ? value : value - numbers[index - 1]!).toString(36)).join(",")}`;
  }
  if (keys.some((key) => key.includes("\n"))) return `j\n${JSON.stringify([...keys].sort())}`;
  const lines: string[] = [];
  let previous = "";
  for (const key of [...keys].sort()) {
    let shared = 0;
    while (shared < previous.length && shared < key.length && previous[shared] === key[shared]) shared++;
    lines.push(`${shared.toString(36)} ${key.slice(shared)}`);
    previous = key;
  }
  return `f\n${lines.join("\n")}`;
}

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
