/** The HTTP layer's public surface: one client, its budget, retry policy, scroll and base-URL resolution (its errors: src/errors.ts). */
export * from "./base-url.ts";
export * from "./client.ts";
export * from "./clock.ts";
export * from "./map-error.ts";
export * from "./rate-budget.ts";
export * from "./retry.ts";
export * from "./scroll.ts";
export * from "./types.ts";
