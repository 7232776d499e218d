/** Types of get-user-info-response.mjs, which stays JavaScript for the server that plain Node runs. */

/** The benchmark's GetUserInfoResponse to the request with this ID. */
export function getUserInfoResponse(requestId: string): string;

/** The requestId of one of the benchmark's request envelopes. */
export function requestIdOf(body: string): string;
