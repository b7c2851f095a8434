/**
 * A stream that exists only from a later API version than the run's (StreamSpec.since) is asked for with that
 * version, on its own requests only: the one place every request of a run passes through applies it, so each
 * reader, child and estimate gets it without knowing. A request that names its version already keeps it.
 */
import type { ApiVersion } from "../api-versions.ts";
import type { ApiClient, ApiRequest } from "../http/types.ts";
import { streamByName } from "../streams/catalog.ts";
import { answeredVersion } from "../streams/versioned.ts";

/**
 * A stream with a first version names its version on every request (the later of the run's and its own), so
 * the header never depends on the client's default; other streams' requests are left as they are.
 */
export function withStreamVersion(request: ApiRequest, runVersion: ApiVersion): ApiRequest {
  if (request.intercomVersion !== undefined || request.stream === undefined) return request;
  const stream = streamByName(request.stream);
  if (stream?.since === undefined) return request;
  return { ...request, intercomVersion: answeredVersion(stream, runVersion) };
}

/** `client` with every request of a stream that has a first version asked with it (withStreamVersion). */
export function withStreamVersions(client: ApiClient, runVersion: ApiVersion): ApiClient {
  return {
    request: <T>(request: ApiRequest) => client.request<T>(withStreamVersion(request, runVersion)),
    get stats() {
      return client.stats;
    },
    ...(client.serverNow ? { serverNow: client.serverNow.bind(client) } : {}),
  };
}
