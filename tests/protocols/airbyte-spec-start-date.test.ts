/**
 * The SPEC's `start_date` accepts what the connector accepts — a date or a date-time in UTC/with an offset — so the
 * platform's form (which validates against the spec) takes `2024-01-01`, and refuses what the connector refuses.
 */
import { describe, expect, test } from "bun:test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { CONNECTION_SPECIFICATION } from "../../src/protocols/airbyte/config.ts";
import { parseIsoDate } from "../../src/settings/iso-date.ts";

const ajv = new Ajv({ strict: false });
addFormats(ajv);
const startDate = ajv.compile((CONNECTION_SPECIFICATION as { properties: Record<string, object> }).properties.start_date!);

describe("spec start_date", () => {
  test("a plain date and a date-time are both valid against the spec itself", () => {
    for (const value of ["2024-01-01", "2024-01-01T00:00:00Z", "2020-11-16T00:00:00.000Z", "2024-01-01T10:00:00+02:00"]) {
      expect({ value, valid: startDate(value) }).toEqual({ value, valid: true });
      expect(parseIsoDate(value)).toBeNumber();
    }
  });

  test("what the connector refuses, the spec refuses too", () => {
    for (const value of ["yesterday", "2024-01-01T00:00:00", "01/02/2024", "2024-1-1"]) {
      expect({ value, valid: startDate(value) }).toEqual({ value, valid: false });
      expect(parseIsoDate(value)).toBeUndefined();
    }
  });
});
