/**
 * The exceptions of office hours schedule i (API 2.16): a closed day and, for every other schedule, a day of
 * custom hours, modelled on the office_hours_exception example of the description.
 */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const CLOSED: Rec = {
  type: "office_hours_exception",
  id: "456",
  office_hours_schedule_id: "123",
  exception_date: "2026-12-25",
  exception_type: "closed",
  name: "Christmas Day",
  time_intervals: null,
  recurring_annually: true,
  created_at: 1717200000,
  updated_at: 1717200000,
};

const CUSTOM: Rec = {
  ...CLOSED,
  exception_date: "2026-12-24",
  exception_type: "custom_hours",
  name: "Christmas Eve",
  time_intervals: [{ start_minute: 540, end_minute: 780, day_of_week: 3 }],
};

/** Two slots per schedule. */
export function officeHoursExceptions(ctx: GenContext, schedule: number, scheduleId: string): Rec[] {
  const examples = schedule % 2 === 0 ? [CLOSED, CUSTOM] : [CLOSED];
  return examples.map((example, k) => ({
    ...exampleRecord(ctx, example, schedule * 2 + k, { base: ID_BASE.officeHoursException, kind: KIND.officeHoursException }),
    office_hours_schedule_id: scheduleId,
  }));
}
