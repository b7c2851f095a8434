/** A snapshot column's type, as Parquet and CSV write it: from a stream's schema or a custom attribute's data type. */
export type SnapshotKind = "string" | "integer" | "float" | "boolean" | "timestamp" | "json";
