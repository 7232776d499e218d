/**
 * The second-factor step of a web application, with nothing but node:http.
 *
 * In this example we:
 * - serve a form that asks for the security code (GET /second-factor),
 * - check the posted code with `authenticateUser` (POST /second-factor),
 * - answer 200 when it is right, or the form again with 401, 403 or 503 and a message the user can act on.
 *
 * Run: npx tsx examples/web-app.ts, then open the address it prints (PORT chooses the port). Ctrl-C stops it.
 * In a real application the user ID comes from the session the password step created, not from the form.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  AuthenticationFailedError,
  NoEnabledCredentialError,
  UserNotFoundError,
  UserStatusNotAllowedError,
  VipClient,
  VipError,
  VipValidationError,
} from 'vip-user-services';

// The endpoint and the account's client certificate come from the environment (see examples/README.md).
const env = process.env;
const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
const vip = new VipClient({
  endpoint: env.VIP_ENDPOINT, // unset: production VIP
  tls: env.VIP_CERT_P12
    ? { pfx: read(env.VIP_CERT_P12), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) }
    : { cert: read(env.VIP_CERT_PEM), key: read(env.VIP_KEY_PEM), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) },
});

/** The status and the sentence the form shows for a failed check. */
function explain(error: unknown): [status: number, message: string] {
  if (error instanceof VipValidationError) return [400, 'A security code is six digits.'];
  if (error instanceof AuthenticationFailedError || error instanceof UserNotFoundError || error instanceof NoEnabledCredentialError) {
    return [401, 'That code is not right. Enter the code VIP Access shows now.'];
  }
  if (error instanceof UserStatusNotAllowedError) return [403, 'Your account is locked. Contact the help desk.'];
  if (error instanceof VipError && error.retryable) return [503, 'Sign-in is unavailable for a moment. Try again.'];
  console.error('second-factor check failed:', error instanceof VipError ? JSON.stringify(error) : error);
  return [500, 'Something went wrong on our side.'];
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname !== '/second-factor') return send(response, 404, 'Not found.');
  if (request.method === 'GET') return send(response, 200, page(searchParams.get('user') ?? '', ''));
  if (request.method !== 'POST') return send(response, 405, 'Use GET or POST.');

  const form = new URLSearchParams(await readBody(request));
  const userId = form.get('user') ?? '';
  try {
    await vip.authenticateUser({ userId, otpAuthData: { otp: form.get('code') ?? '' } });
    send(response, 200, `<p>Signed in as ${escapeHtml(userId)}.</p>`);
  } catch (error) {
    const [status, message] = explain(error);
    send(response, status, page(userId, message));
  }
}

function page(userId: string, message: string): string {
  return `<form method="post" action="/second-factor">
  <p>${escapeHtml(message)}</p>
  <label>User <input name="user" value="${escapeHtml(userId)}"></label>
  <label>Security code <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></label>
  <button>Sign in</button>
</form>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return body;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    if (!response.headersSent) send(response, 500, 'Something went wrong on our side.');
  });
});
server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : env.PORT;
  console.log(`second-factor step listening on http://127.0.0.1:${port}/second-factor`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    vip.close().then(() => console.log('stopped'));
  });
}
