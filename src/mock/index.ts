/**
 * vip-user-services/mock: a local, stateful stand-in for VIP User Services built on node-soap and the package's
 * own WSDL contracts, for trying the SDK without a VIP account and for testing applications that use it.
 * Needs the optional peer dependency `soap`; the main entry never loads this one.
 *
 * @module vip-user-services/mock
 */
export { startMockServer } from './server.js';
export { CHILD_ACCOUNT_ID } from './model/vip-model.js';
export { DEMO as DEMO_DATA } from './model/seed.js';
export type {
  FaultKind,
  FaultKindRule,
  FaultRule,
  MockPushOptions,
  MockServer,
  MockServerOptions,
  MockTlsMaterial,
  MockTlsOptions,
  PushOutcome,
  ReceivedRequest,
  RuleScope,
  StatusRule,
} from './types.js';
