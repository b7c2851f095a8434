/**
 * --max-duration of any accepted length stops the run at that time, not at once: a timer longer than 2^31-1 ms
 * (about 596 h) overflows and fires immediately, which would end every run with exit 5 ("stopped at the time
 * limit"), which the GitHub Action counts as success.
 */
import { describe, expect, test } from "bun:test";
import { formatMessage } from "@optique/core/message";
import { parse } from "@optique/core/parser";
import { cliParser } from "../../src/cli/args/parser.ts";
import { readSettings } from "../../src/cli/config-file/read.ts";
import { connect } from "../../src/settings/connect.ts";
import { MAX_DURATION_TEXT, parseDuration } from "../../src/settings/duration.ts";
import { parseSettings } from "../../src/settings/schema.ts";

const CONNECTION = { token: "secret-token-1234", baseUrl: "http://127.0.0.1:9" };
const HOUR_MS = 3_600_000;

describe("a long --max-duration", () => {
  for (const text of ["600h", "597h", "8760h"]) {
    test(`${text} does not stop the run at once`, async () => {
      const maxDuration = parseDuration(text)!;
      const connection = connect(parseSettings({ ...CONNECTION, maxDuration }), { retries: "run", handleSignals: false });
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(connection.signal.aborted).toBe(false);
      } finally {
        connection.close();
      }
    });
  }

  test("the maximum is a year: 8760h is accepted, anything longer refused on the command line and in a config file", () => {
    expect(MAX_DURATION_TEXT).toBe("8760h");
    expect(parseDuration("8760h")?.ms).toBe(8760 * HOUR_MS);
    expect(parseDuration("525600m")?.ms).toBe(8760 * HOUR_MS);
    for (const tooLong of ["8761h", "8760h1s", "99999999999999999999h"]) {
      const flag = parse(cliParser, ["sync", "--max-duration", tooLong]);
      expect(flag.success).toBe(false);
      if (!flag.success) expect(formatMessage(flag.error, { colors: false })).toContain("at most 8760h");
      expect(() => readSettings("c.json", JSON.stringify({ "max-duration": tooLong }))).toThrow(/at most 8760h/);
    }
  });
});
