/** Office hours schedules: the weekly hours teams and the Messenger work by. Modelled on the office_hours_schedule example of the 2.16 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "office_hours_schedule",
  id: "123",
  name: "Standard Support Hours",
  time_zone_name: "America/New_York",
  time_intervals: [
    {
      start_minute: 540,
      end_minute: 1020,
      day_of_week: 0,
    },
    {
      start_minute: 1980,
      end_minute: 2460,
      day_of_week: 1,
    },
  ],
  twenty_four_seven: false,
  created_at: 1717200000,
  updated_at: 1717200000,
};

export function officeHoursSchedule(ctx: GenContext, i: number): Rec {
  return exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.officeHoursSchedule, kind: KIND.officeHoursSchedule, label: "name" });
}
