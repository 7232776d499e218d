/**
 * The names the SDK's telemetry uses: OpenTelemetry's RPC semantic conventions (v1.44.0) where one exists, and
 * `vip.*` names where VIP has a concept of its own. Copied as strings rather than imported from
 * `@opentelemetry/semantic-conventions/incubating`: the RPC names are not stable yet and may change in a minor
 * release of that package, while these must only change with ours (and the CHANGELOG).
 */

/** The instrumentation scope: the tracer and meter are named after the package. */
export const INSTRUMENTATION_NAME = 'vip-user-services';

/** `rpc.system.name`: there is no well-known value for SOAP, so ours is custom (the conventions allow it). */
export const RPC_SYSTEM = 'soap';

export const ATTR_RPC_SYSTEM_NAME = 'rpc.system.name';
/** Fully qualified, e.g. `AuthenticationService/authenticateUser`; `rpc.service` is deprecated. */
export const ATTR_RPC_METHOD = 'rpc.method';
/** The VIP status of the answer (`0000`, `6040`, `6009`...), success or not. Renamed `rpc.status_code` after v1.44. */
export const ATTR_RPC_STATUS_CODE = 'rpc.response.status_code';
/** Set only on failure: the VIP status when VIP answered with an error status, otherwise the error's class name. */
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
/** The `requestId` sent, which VIP echoes and which VIP Manager reports and Report Streaming events carry. */
export const ATTR_VIP_REQUEST_ID = 'vip.request_id';
/** HTTP attempts made, retries included (0 when the input was refused before sending). */
export const ATTR_VIP_ATTEMPTS = 'vip.attempts';
/** On a retry event: the attempt that failed. */
export const ATTR_VIP_ATTEMPT = 'vip.attempt';
/** On a retry event: the wait before the next attempt, in milliseconds. */
export const ATTR_VIP_RETRY_DELAY = 'vip.retry.delay_ms';
/** On a retry event: why the attempt failed, in words the SDK wrote (no server text). */
export const ATTR_VIP_RETRY_REASON = 'vip.retry.reason';
/** On the waitForPush span: the push transaction waited for. */
export const ATTR_VIP_PUSH_TRANSACTION_ID = 'vip.push.transaction_id';
/** On the waitForPush span: the transaction's final status (`7000` approved, `7002` denied...). */
export const ATTR_VIP_PUSH_STATUS = 'vip.push.status';

/** The span event added for each retry. */
export const EVENT_RETRY = 'vip.retry';
/** The name of the span around `waitForPush`, which is not an RPC of its own but a series of `pollPushStatus` calls. */
export const SPAN_WAIT_FOR_PUSH = 'vip.waitForPush';

/** The required RPC client metric: duration of each call, retries and backoff included. */
export const METRIC_CALL_DURATION = 'rpc.client.call.duration';
/** Retries the SDK made (not a convention: RPC metrics have none). */
export const METRIC_RETRIES = 'vip.client.call.retries';
/** The conventions' advised buckets for `rpc.client.call.duration`, in seconds. */
export const CALL_DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
