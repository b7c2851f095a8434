/**
 * The states the Airbyte Intercom connector has written, transcribed as facts (shapes and the values its tests
 * use) from airbytehq/airbyte, airbyte-integrations/connectors/source-intercom:
 * - integration_tests/sample_state.json: the legacy per-stream object, substreams nesting their parent's cursor;
 * - integration_tests/abnormal_state.json: per-stream STATE messages, activity_logs on created_at, a cursor far in
 *   the future (7626086649, the year 2211), conversations nesting a copy of its cursor under its own name;
 * - components.py SubstreamStateMigration: `prior_state` and the migrated `parent_state`;
 * - manifest.yaml: `datetime_format: "%s"` (cursors written as digit strings), conversation_parts and
 *   company_segments with `global_substream_cursor` and `incremental_dependency` (the CDK's
 *   `{"state", "parent_state", "lookback_window", "use_global_cursor", "states"}` form);
 * - the Airbyte CDK's concurrent cursor: `{"state_type": "date-range", "slices": [{"start", "end"}]}`.
 */

export const SAMPLE_STATE = {
  companies: { updated_at: 1626086649 },
  company_segments: { updated_at: 1648469610, companies: { updated_at: 1625749675 } },
  conversations: { updated_at: 1632835061 },
  conversation_parts: { updated_at: 1632835061, conversations: { updated_at: 1632835061 } },
  contacts: { updated_at: 1626086649 },
  segments: { updated_at: 1626086649 },
};

const stream = (name: string, stream_state: Record<string, unknown>) => ({ type: "STREAM", stream: { stream_descriptor: { name }, stream_state } });

export const ABNORMAL_STATE = [
  stream("segments", { updated_at: 7626086649 }),
  stream("companies", { updated_at: 7626086649 }),
  stream("company_segments", { updated_at: 7626086649, companies: { updated_at: 7626086649 } }),
  stream("conversations", { updated_at: 7626086649, conversations: { updated_at: 7626086649 } }),
  stream("conversation_parts", { updated_at: 7626086649, conversations: { updated_at: 7626086649 } }),
  stream("contacts", { updated_at: 7626086649 }),
  stream("activity_logs", { created_at: 7626086649 }),
];

/** After SubstreamStateMigration: the old custom cursor's keys plus `parent_state`. */
export const MIGRATED_PARTS_STATE = {
  updated_at: 1744153060,
  prior_state: { updated_at: 1744066660 },
  conversations: { updated_at: 1744153060 },
  parent_state: { conversations: { updated_at: 1744153060 } },
};

/** The CDK's global substream cursor as the low-code connector writes it: digit strings. */
export const GLOBAL_SUBSTREAM_PARTS_STATE = {
  use_global_cursor: true,
  state: { updated_at: "1700000000" },
  parent_state: { conversations: { updated_at: "1699990000" } },
  lookback_window: 0,
  states: [],
};

export const DATE_RANGE_STATE = {
  state_type: "date-range",
  slices: [
    { start: "1700000001", end: "1700086400" },
    { start: "0", end: "1700000000" },
    { start: "1800000000", end: "1800000100" },
  ],
};
