import { expect, test } from "bun:test";
import { columnKind } from "../../src/engine/reports/dataset.ts";

test("a report column is a number only when its id ends with what a number is", () => {
  expect(columnKind("conversation_rating")).toBe("number");
  expect(columnKind("cx_score")).toBe("number");
  expect(columnKind("number_of_reopens")).toBe("number");
  // The demo's dataset has both: the explanation is the teammate-facing text beside the score.
  expect(columnKind("cx_score_explanation")).toBe("text");
  expect(columnKind("rating_remark")).toBe("text");
  expect(columnKind("admin_assignee_id")).toBe("text");
  expect(columnKind("first_response_time")).toBe("duration");
  expect(columnKind("conversation_started_at")).toBe("time");
});
