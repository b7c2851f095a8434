/**
 * Options may come before the subcommand: `intercom-sync --base-url U check` is read as
 * `intercom-sync check --base-url U`. The parser itself reads a command's options only after its name.
 * @example
 * commandFirst(["-q", "--base-url", "http://127.0.0.1:8080", "check"], cliParser.usage);
 * // ["check", "-q", "--base-url", "http://127.0.0.1:8080"]
 */
import type { Usage, UsageTerm } from "@optique/core/usage";

export function commandFirst(args: readonly string[], usage: Usage): string[] {
  const { commands, valued } = vocabulary(usage);
  let at = 0;
  while (at < args.length && args[at]!.startsWith("-") && args[at] !== "--") {
    const arg = args[at]!;
    at += !arg.includes("=") && valued.has(arg) ? 2 : 1;
  }
  if (at === 0 || at >= args.length || !commands.has(args[at]!)) return [...args];
  return [args[at]!, ...args.slice(0, at), ...args.slice(at + 1)];
}

/** The top-level command names, and every option that takes a value (it has a metavar), at any depth. */
function vocabulary(usage: Usage): { commands: Set<string>; valued: Set<string> } {
  const commands = new Set<string>();
  const valued = new Set<string>();
  const walk = (terms: Usage, topLevel: boolean) => {
    for (const [index, term] of terms.entries()) visit(term, topLevel && index === 0);
  };
  const visit = (term: UsageTerm, topLevel: boolean) => {
    switch (term.type) {
      case "command":
        if (topLevel) commands.add(term.name);
        break;
      case "option":
        if (term.metavar) { for (const name of term.names) valued.add(name); }
        break;
      case "optional":
      case "multiple":
        walk(term.terms, false);
        break;
      case "exclusive":
        for (const alternative of term.terms) walk(alternative, topLevel);
        break;
      default:
        break;
    }
  };
  walk(usage, true);
  return { commands, valued };
}
