/**
 * The shared transport contract against a naive custom transport that throws Node's plain errors, ignores the
 * signal and buffers without a cap: the client core gives it the same deadline, abort, error classes and size cap
 * as the SDK's own transports.
 */
import { describeTransportContract } from './transport-contract.js';
import { NaiveTransport } from './naive-transport.js';

describeTransportContract('a naive custom transport', () => new NaiveTransport(), {
  capsWhileStreaming: false,
  decodesContent: false,
  closes: false,
});
