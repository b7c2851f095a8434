/**
 * The part of GitHub Actions' expression language that action.yml uses, for the local runner: context paths
 * (`inputs.sqlite-path`, `steps.sync.outputs.key`), string, number and boolean literals, `==`, `!=`, `!`, `&&`,
 * `||`, parentheses, and the status functions `always()`, `success()`, `failure()`, `cancelled()`.
 * Anything else throws, so an expression the local runner cannot mirror is never silently misread.
 */

export type ExpressionValue = string | number | boolean | null | { readonly [key: string]: ExpressionValue };

export interface ExpressionScope {
  contexts: Record<string, ExpressionValue>;
  /** True once an earlier step failed: `success()` is then false and `failure()` true. */
  failed: boolean;
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(==|!=|&&|\|\||[!().])|([A-Za-z_][A-Za-z0-9_-]*))/y;

type Token = { kind: "number" | "string" | "op" | "name"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`cannot read the expression "${source}" at "${source.slice(at)}"`);
    if (match[1] !== undefined) tokens.push({ kind: "number", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: "string", text: match[2].replaceAll("''", "'") });
    else if (match[3] !== undefined) tokens.push({ kind: "op", text: match[3] });
    else tokens.push({ kind: "name", text: match[4]! });
  }
  return tokens;
}

/** Truthiness as GitHub defines it: null, false, 0 and '' are false. */
export function truthy(value: ExpressionValue): boolean {
  return value !== null && value !== false && value !== 0 && value !== "";
}

/** `==` compares strings case-insensitively; different types compare as numbers, as on GitHub. */
function equal(a: ExpressionValue, b: ExpressionValue): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const number = (
    v: ExpressionValue,
  ) => (v === null ? 0 : typeof v === "boolean" ? Number(v) : typeof v === "string" ? (v.trim() === "" ? 0 : Number(v)) : NaN);
  return number(a) === number(b);
}

export function evaluate(source: string, scope: ExpressionScope): ExpressionValue {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const take = (text?: string) => {
    const token = tokens[position++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? "more"} in "${source}"`);
    return token;
  };

  const or = (): ExpressionValue => {
    let value = and();
    while (peek()?.text === "||") {
      take();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const and = (): ExpressionValue => {
    let value = unary();
    while (peek()?.text === "&&") {
      take();
      const right = unary();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const unary = (): ExpressionValue => {
    if (peek()?.text === "!") {
      take();
      return !truthy(unary());
    }
    const left = primary();
    const op = peek()?.text;
    if (op === "==" || op === "!=") {
      take();
      const right = primary();
      return op === "==" ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const primary = (): ExpressionValue => {
    const token = take();
    if (token.text === "(" && token.kind === "op") {
      const value = or();
      take(")");
      return value;
    }
    if (token.kind === "number") return Number(token.text);
    if (token.kind === "string") return token.text;
    if (token.kind !== "name") throw new Error(`unexpected "${token.text}" in "${source}"`);
    if (token.text === "true" || token.text === "false") return token.text === "true";
    if (token.text === "null") return null;
    if (peek()?.text === "(") {
      take("(");
      take(")");
      switch (token.text) {
        case "always":
          return true;
        case "success":
          return !scope.failed;
        case "failure":
          return scope.failed;
        case "cancelled":
          return false;
        default:
          throw new Error(`the local runner does not implement ${token.text}() (in "${source}")`);
      }
    }
    if (!(token.text in scope.contexts)) throw new Error(`unknown context "${token.text}" in "${source}"`);
    let value: ExpressionValue = scope.contexts[token.text]!;
    while (peek()?.text === ".") {
      take(".");
      const name = take().text;
      if (value === null || typeof value !== "object") return null;
      if (token.text === "inputs" && !(name in value)) throw new Error(`action.yml has no input "${name}" (in "${source}")`);
      value = value[name] ?? null;
    }
    return value;
  };

  const value = or();
  if (position < tokens.length) throw new Error(`unexpected "${tokens[position]!.text}" in "${source}"`);
  return value;
}

const EMBEDDED = /\$\{\{([\s\S]*?)\}\}/g;

/** Replaces every `${{ … }}` in `text` with its value as a string ('' for null). */
export function substitute(text: string, scope: ExpressionScope): string {
  return text.replace(EMBEDDED, (_whole, inner: string) => {
    const value = evaluate(inner, scope);
    return value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/** A step's `if:`, with or without `${{ }}`; absent means `success()`. */
export function stepCondition(condition: string | undefined, scope: ExpressionScope): boolean {
  if (condition === undefined || condition.trim() === "") return !scope.failed;
  const trimmed = condition.trim();
  const inner = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed)?.[1] ?? trimmed;
  // As on GitHub: a condition without a status function behaves as `success() && (…)`.
  const hasStatus = /\b(always|success|failure|cancelled)\s*\(/.test(inner);
  return (hasStatus || !scope.failed) && truthy(evaluate(inner, scope));
}
