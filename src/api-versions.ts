/**
 * The Intercom API versions intercom-sync speaks: exactly those whose stream schemas ship in schemas/<version>/.
 * The version a run uses decides the Intercom-Version header, the schemas records are checked against, and
 * (in the fake) the shape of every answer. Adding one = its description in scripts/gen-schemas.ts, a regenerated
 * schemas/<version>/, and the fake's differences in src/fake/versions.ts.
 */
export const API_VERSIONS = ["2.11", "2.14", "2.16"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = "2.11";

export function isApiVersion(value: string): value is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(value);
}
