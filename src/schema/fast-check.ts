/**
 * A yes/no twin of a compiled valibot schema, for the common case: most records match their schema, and
 * valibot's `safeParse` builds a fresh output object and issue bookkeeping for every value even then (about a
 * fifth of an export's time). The twin walks the same schema tree with plain closures and answers only "does
 * it match"; the validator asks valibot for the details only when the answer is no. It mirrors exactly the
 * nodes toValibot builds (validate.ts); any other node is handed to `v.is`, so it can never disagree.
 *
 * @example
 * const matches = fastCheck(toValibot(schema));
 * if (!matches(record)) report(v.safeParse(compiled, record).issues);
 */
import * as v from "valibot";

type AnySchema = v.GenericSchema<unknown, unknown, v.BaseIssue<unknown>>;
export type Check = (value: unknown) => boolean;

/** Node types with a default or fallback behave differently (valibot fills the value in); none are built here. */
interface Node {
  type: string;
  default?: unknown;
  fallback?: unknown;
  wrapped?: AnySchema;
  options?: readonly unknown[];
  literal?: unknown;
  item?: AnySchema;
  entries?: Record<string, AnySchema>;
  pipe?: readonly Node[];
  /** v.custom's predicate. */
  check?: (value: unknown) => boolean;
}

const ANY: Check = () => true;

export function fastCheck(schema: AnySchema): Check {
  const node = schema as unknown as Node;
  const exact: Check = (value) => v.is(schema, value);
  if (node.default !== undefined || node.fallback !== undefined) return exact;
  // v.pipe(first, ...) is `first` with a `pipe` list: its type alone would skip the actions.
  if (node.pipe !== undefined) return pipeCheck(node, exact);
  switch (node.type) {
    case "unknown":
      return ANY;
    case "string":
      return (value) => typeof value === "string";
    case "number":
      return (value) => typeof value === "number" && !Number.isNaN(value);
    case "boolean":
      return (value) => typeof value === "boolean";
    case "null":
      return (value) => value === null;
    case "literal": {
      const literal = node.literal;
      return (value) => value === literal;
    }
    case "picklist": {
      const options = node.options as readonly unknown[];
      return (value) => options.includes(value);
    }
    case "nullable": {
      const inner = fastCheck(node.wrapped!);
      return (value) => value === null || inner(value);
    }
    case "optional": {
      const inner = fastCheck(node.wrapped!);
      return (value) => value === undefined || inner(value);
    }
    case "union": {
      const options = (node.options as AnySchema[]).map(fastCheck);
      return (value) => {
        for (const option of options) if (option(value)) return true;
        return false;
      };
    }
    case "array": {
      const item = fastCheck(node.item!);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (const entry of value) if (!item(entry)) return false;
        return true;
      };
    }
    case "loose_object":
      return objectCheck(node.entries!) ?? exact;
    default:
      return exact;
  }
}

/** The two pipes toValibot builds: number + integer, and plain-object guard + loose object. */
function pipeCheck(node: Node, exact: Check): Check {
  const [first, ...rest] = node.pipe as readonly Node[];
  if (first?.type === "number" && rest.length === 1 && rest[0]!.type === "integer") {
    return (value) => typeof value === "number" && Number.isInteger(value);
  }
  if (first?.type === "custom" && rest.length === 1 && rest[0]!.type === "loose_object") {
    const object = objectCheck(rest[0]!.entries!);
    if (object === undefined) return exact;
    const guard = first.check!;
    return (value) => guard(value) && object(value);
  }
  return exact;
}

/** valibot's looseObject: a key counts as present when `key in input` (the prototype chain too, as valibot does). */
function objectCheck(entries: Record<string, AnySchema>): Check | undefined {
  // A default fills in a missing key, which is then checked: leave that to valibot.
  if (Object.values(entries).some((schema) => (schema as unknown as Node).default !== undefined)) return undefined;
  const keys = Object.keys(entries);
  const checks = keys.map((key) => fastCheck(entries[key]!));
  const optional = keys.map((key) => ["optional", "exact_optional", "nullish"].includes((entries[key] as unknown as Node).type));
  const count = keys.length;
  return (value) => {
    if (!value || typeof value !== "object") return false;
    const input = value as Record<string, unknown>;
    for (let index = 0; index < count; index++) {
      const key = keys[index]!;
      const found = input[key];
      // JSON holds no undefined: a value read is a key present, and `in` (slower) is asked only otherwise.
      if (found !== undefined || key in input) {
        if (!checks[index]!(found)) return false;
      } else if (!optional[index]) return false;
    }
    return true;
  };
}
