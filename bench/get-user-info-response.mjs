/**
 * The benchmark's answer: a realistic GetUserInfoResponse (two bindings with push attributes, about 2 KB) echoing
 * the request's requestId. Served by server.mjs, and handed over in memory by the telemetry benchmark's in-process
 * transport.
 */
const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

function binding(index) {
  return `<credentialBindingDetail><credentialId>VSMT1234567${index}</credentialId><credentialType>STANDARD_OTP</credentialType><credentialStatus>ENABLED</credentialStatus><bindingDetail><bindStatus>ENABLED</bindStatus><friendlyName>Phone ${index}</friendlyName><lastBindTime>2026-05-14T09:12:44.120Z</lastBindTime><lastAuthnTime>2026-11-27T17:01:02.450Z</lastAuthnTime><lastAuthnId>AB12CD34EF56</lastAuthnId></bindingDetail><pushAttributes><Key>PUSH_PLATFORM</Key><Value>IPHONE</Value></pushAttributes><pushAttributes><Key>PUSH_ENABLED</Key><Value>true</Value></pushAttributes></credentialBindingDetail>`;
}

const BEFORE_ID = `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><GetUserInfoResponse xmlns="${NS}"><requestId>`;
const AFTER_ID = `</requestId><status>0000</status><statusMessage>Success</statusMessage><userId>alice@example.com</userId><userCreationTime>2024-02-01T08:00:00.000Z</userCreationTime><userStatus>ACTIVE</userStatus><numBindings>2</numBindings>${binding(1)}${binding(2)}<isPinSet>false</isPinSet><isTempPasswordSet>false</isTempPasswordSet></GetUserInfoResponse></S:Body></S:Envelope>`;

/** The response to the request with this ID. */
export function getUserInfoResponse(requestId) {
  return BEFORE_ID + requestId + AFTER_ID;
}

/** The requestId of a request envelope (the benchmark's own requests: no need to parse XML). */
export function requestIdOf(body) {
  const start = body.indexOf('requestId>') + 'requestId>'.length;
  return body.slice(start, body.indexOf('<', start));
}
