/** wrap(): lines no wider than asked, a hanging indent, every word kept in order. */
import { expect, test } from "bun:test";
import { wrap } from "../../src/cli/report/wrap.ts";

test("breaks at spaces with a hanging indent", () => {
  expect(wrap("one two three four", { width: 10, first: "* ", rest: "  " })).toEqual(["* one two", "  three", "  four"]);
});

test("a word wider than the line is cut, never left to overflow", () => {
  const lines = wrap("see https://developers.intercom.com/docs/references/rest-api", { width: 20, rest: "  " });
  expect(lines.every((line) => line.length <= 20)).toBe(true);
  expect(lines.map((line) => line.trim()).join("")).toBe("seehttps://developers.intercom.com/docs/references/rest-api");
});

test("an indent as wide as the line still ends", () => {
  expect(wrap("abc", { width: 2, first: "    ", rest: "    " })).toEqual(["    a", "    b", "    c"]);
});
