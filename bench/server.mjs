/**
 * The benchmark's stand-in for VIP: a plain HTTP server, run in a worker thread so it does not share the client's
 * event loop, answering every request with a realistic GetUserInfoResponse that echoes the request's requestId.
 */
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

function binding(index) {
  return `<credentialBindingDetail><credentialId>VSMT1234567${index}</credentialId><credentialType>STANDARD_OTP</credentialType><credentialStatus>ENABLED</credentialStatus><bindingDetail><bindStatus>ENABLED</bindStatus><friendlyName>Phone ${index}</friendlyName><lastBindTime>2026-05-14T09:12:44.120Z</lastBindTime><lastAuthnTime>2026-11-27T17:01:02.450Z</lastAuthnTime><lastAuthnId>AB12CD34EF56</lastAuthnId></bindingDetail><pushAttributes><Key>PUSH_PLATFORM</Key><Value>IPHONE</Value></pushAttributes><pushAttributes><Key>PUSH_ENABLED</Key><Value>true</Value></pushAttributes></credentialBindingDetail>`;
}

const BEFORE_ID = `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><GetUserInfoResponse xmlns="${NS}"><requestId>`;
const AFTER_ID = `</requestId><status>0000</status><statusMessage>Success</statusMessage><userId>alice@example.com</userId><userCreationTime>2024-02-01T08:00:00.000Z</userCreationTime><userStatus>ACTIVE</userStatus><numBindings>2</numBindings>${binding(1)}${binding(2)}<isPinSet>false</isPinSet><isTempPasswordSet>false</isTempPasswordSet></GetUserInfoResponse></S:Body></S:Envelope>`;

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const start = body.indexOf('requestId>') + 'requestId>'.length;
    const requestId = body.slice(start, body.indexOf('<', start));
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    response.end(BEFORE_ID + requestId + AFTER_ID);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage(typeof address === 'object' && address !== null ? address.port : 0);
});
parentPort?.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
