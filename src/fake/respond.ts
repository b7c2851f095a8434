/** Response builders: JSON bodies and Intercom's `error.list` envelope. */

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorList(status: number, code: string, message: string | null, requestId: string, headers: Record<string, string> = {}): Response {
  return json({ type: "error.list", request_id: requestId, errors: [{ code, message }] }, status, headers);
}
