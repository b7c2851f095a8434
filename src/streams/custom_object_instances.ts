import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

/**
 * No endpoint lists the custom object types, and the data attributes do not name them (their `data_type` has no
 * reference kind in any description), so the types are what conversations and tickets refer to, or what the run
 * names (--custom-object-types). Reading the referred instances by id works from 2.14 and follows each parent
 * incrementally; 2.16 lists a named type's instances whole, which also finds those nothing refers to and those gone.
 */
export const customObjectInstances = defineStream({
  name: "custom_object_instances",
  description: "Custom object instances (orders, subscriptions…) that the conversations and tickets the run reads refer to, " +
    "each read once; every instance of the types named by --custom-object-types.",
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
    note: "One record per instance, whichever conversations or tickets refer to it; the key names the type, as ids are per type.",
  },
  notes: "Taken from the custom object instance lists in the custom attributes of the conversations and the ticket " +
    "attributes of the tickets the run reads (every one on a first or --full-refresh run, those updated since the " +
    "cursor afterwards; each parent's read has its own progress, so a killed run resumes each): each instance is read " +
    "by GET /custom_object_instances/{type}/{id}, once a run. The types named by --custom-object-types are listed " +
    "whole instead (GET /custom_object_instances/{type}, 150 a page, asked with 2.16 whatever the run's version): " +
    "every instance, also those nothing refers to, is written every run, and one gone since the last complete listing is retracted; a " +
    "named type the workspace lacks (404) is said once and the run goes on. Of the other types, an instance nothing " +
    "read refers to is not exported, and a deleted one is not retracted. A workspace whose conversations and tickets " +
    "refer to none is said once; the run goes on.",
  optIn: "one request per instance the conversations and tickets refer to (at most one per reference), one per 150 " +
    "instances of a type read whole",
});
