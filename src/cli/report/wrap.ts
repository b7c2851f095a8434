/** Word wrapping for plain-text output that must fit a terminal (e.g. `intercom-sync streams` in 100 columns). */

/**
 * `text` broken at spaces into lines of at most `width` characters: the first starts with `first`, the others
 * with `rest` (a hanging indent). A word longer than a line is cut.
 * @example wrap("a b c", { width: 3, first: "", rest: " " }) // ["a b", " c"]
 */
export function wrap(text: string, options: { width: number; first?: string; rest?: string }): string[] {
  const { width, first = "", rest = "" } = options;
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = () => width - line.length;
  for (let word of text.split(/\s+/).filter((part) => part !== "")) {
    if (!empty && word.length + 1 > room()) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    // A word wider than a whole line (a long URL) is cut rather than overflow.
    // At least one character a line, even when the indent alone fills it, so this always ends.
    while (word.length > Math.max(1, room())) {
      const cut = Math.max(1, room());
      lines.push(line + word.slice(0, cut));
      word = word.slice(cut);
      line = rest;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.map((text) => text.trimEnd());
}
