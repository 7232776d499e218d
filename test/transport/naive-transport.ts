/**
 * A deliberately naive custom transport, as a user might write one in an afternoon: node:http, the whole body
 * buffered, no size cap, the signal ignored, Node's errors thrown as they come. The transport contract runs against
 * it to prove that the client core, not the transport, keeps the SDK's promises (deadline, abort, error classes,
 * size cap).
 */
import { request as httpRequest } from 'node:http';
import type { SoapHttpRequest, SoapHttpResponse, Transport } from '../../src/transport/transport.js';

export class NaiveTransport implements Transport {
  /** Requests it was handed, to check what the core gives a transport. */
  readonly requests: SoapHttpRequest[] = [];

  send(soapRequest: SoapHttpRequest): Promise<SoapHttpResponse> {
    this.requests.push(soapRequest);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(soapRequest.url, { method: 'POST', headers: soapRequest.headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(soapRequest.body);
    });
  }
}
