/**
 * Which settings the command line gives itself, so they win over the config file: `--name`, `--name=value`, the
 * one-letter alias (`-q`, also bundled as `-qv`). The value after an option is skipped, so `--state -q` names a
 * file rather than giving -q.
 */
import { type AnyConfigKey, FLAG_ONLY_WITH_VALUES } from "./keys.ts";

/** The keys of `settings` that `args` gives. */
export function settingsGiven(args: readonly string[], settings: Readonly<Record<string, AnyConfigKey>>): Set<string> {
  const byLong = new Map(Object.entries(settings).map(([key, setting]) => [`--${key}`, { key, setting }]));
  const byShort = new Map(
    Object.entries(settings).flatMap(([key, setting]) => (setting.short ? [[setting.short.slice(1), key] as const] : [])),
  );
  const given = new Set<string>();
  for (let at = 0; at < args.length; at++) {
    const arg = args[at]!;
    if (arg === "--") break;
    if (arg.startsWith("--")) {
      const [name, inlineValue] = splitOnce(arg, "=");
      const known = byLong.get(name);
      if (known) given.add(known.key);
      const takesValue = known ? known.setting.kind === "option" : FLAG_ONLY_WITH_VALUES.has(name);
      if (takesValue && inlineValue === undefined) at++;
    } else if (arg.startsWith("-") && arg.length > 1) {
      const letters = arg.slice(1);
      for (const [index, letter] of [...letters].entries()) {
        const key = byShort.get(letter);
        if (key) given.add(key);
        // A short option that takes a value (-o FILE) ends the bundle: the rest, or the next argument, is its value.
        if (key && settings[key]!.kind === "option") {
          if (index === letters.length - 1) at++;
          break;
        }
      }
    }
  }
  return given;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
