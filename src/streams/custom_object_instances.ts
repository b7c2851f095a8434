import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

/**
 * No endpoint lists the custom object types, and the data attributes do not name them (their `data_type` has no
 * reference kind in any description), so the types are what conversations refer to. 2.16 can list a type's
 * instances whole, but only a type already known; reading the referred instances by id works from 2.14 and
 * follows the conversations incrementally.
 */
export const customObjectInstances = defineStream({
  name: "custom_object_instances",
  description: "Custom object instances (orders, subscriptions…) that the conversations the run reads refer to, each read once.",
  // A guess: the descriptions name no permission for custom objects; the instances are read as the conversations are.
  permission: PERMISSIONS.conversations,
  primaryKey: ["type", "id"],
  cursorField: "updated_at",
  since: "2.14",
  feature: "custom objects",
  read: {
    kind: "child",
    parent: "conversations",
    path: "/custom_object_instances/{type}/{id}",
    copy: {},
    recordPath: [],
    references: {
      field: ["custom_attributes"],
      list: "instances",
      alsoFrom: { tickets: ["ticket_attributes"] },
      // List Custom Object Instances is 2.16's; per_page at most 150.
      whole: { path: "/custom_object_instances/{type}", recordPath: ["data"], perPage: 150, version: "2.16" },
    },
  },
  schema: {
    component: "custom_object_instance",
    note: "One record per instance, whichever conversations refer to it; the key names the type, as ids are per type.",
  },
  notes: "Taken from the custom object instance lists in the custom attributes of the conversations the run reads " +
    "(every conversation on a first or --full-refresh run, those updated since the cursor afterwards): each instance " +
    "is read by GET /custom_object_instances/{type}/{id}, once a run. No endpoint lists the types, so an instance no " +
    "conversation read refers to is not exported, and a deleted one is not retracted. A workspace whose " +
    "conversations refer to none is said once; the run goes on.",
  optIn: "one request per instance the conversations refer to (at most one per reference)",
});
