/**
 * Where a teammate opens the workspace's inbox: the app's origin in the region of the API host the run reads
 * (api.eu.intercom.io → https://app.eu.intercom.com). Any other host (a proxy, the fake) gets the US app.
 * @example appOrigin("https://api.au.intercom.io"); // "https://app.au.intercom.com"
 */
export function appOrigin(apiBaseUrl: string | undefined): string {
  let host = "";
  try {
    host = apiBaseUrl === undefined ? "" : new URL(apiBaseUrl).hostname;
  } catch {
    host = "";
  }
  const region = /^api\.(eu|au)\.intercom\.io$/.exec(host)?.[1];
  return region === undefined ? "https://app.intercom.com" : `https://app.${region}.intercom.com`;
}
