/** What the disruptive faults do to an HTTP exchange: an HTML 503, a dropped connection, a truncated body. */
import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';

const SERVICE_UNAVAILABLE_PAGE =
  '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>' +
  '<body><h1>Service Unavailable</h1><p>The server is temporarily unable to handle the request (injected by the VIP mock).</p></body></html>';

/** Answers like a load balancer in front of a service that is down: HTTP 503 with an HTML page. */
export function sendServiceUnavailable(response: ServerResponse): void {
  response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
  response.end(SERVICE_UNAVAILABLE_PAGE);
}

/** Drops the connection: a TCP reset where the socket allows it (plain TCP), otherwise an abrupt close (TLS). */
export function dropConnection(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    // TLS sockets refuse resetAndDestroy (their handle is not a plain TCP one); destroying still cuts the line.
    socket.destroy();
  }
}

/**
 * Makes the response cut off half-way: whatever is written to `response` is collected, and only its first half
 * is sent when it ends, so the client receives a truncated SOAP envelope.
 */
export function truncateBody(response: ServerResponse): void {
  const chunks: string[] = [];
  const end = response.end.bind(response);
  response.write = ((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(String(chunk));
    const body = chunks.join('');
    return end(body.slice(0, Math.floor(body.length / 2)));
  }) as ServerResponse['end'];
}
