/**
 * Run inside the installed test project by exports.test.ts: makes one call through the ESM or the CommonJS build
 * with telemetry as asked, and prints what happened as JSON (the output's status, the spans a hand-made tracer
 * provider saw, the logger's warnings, and whether any @opentelemetry module was loaded).
 * Usage: node use-telemetry.mjs esm|cjs given|default|off
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [build, telemetry] = process.argv.slice(2);
const load = (name) => (build === 'esm' ? import(name) : Promise.resolve(require(name)));
const { VipClient } = await load('vip-user-services');
const { vipReply } = await load('vip-user-services/testing');

const reply = vipReply('getServerTime', { timestamp: new Date('2026-11-30T12:00:00Z') });
const spans = [];
/** The smallest tracer provider that records what the SDK asks of it. */
const tracerProvider = {
  getTracer: () => ({
    startSpan: (name, options) => {
      const attributes = { ...options?.attributes };
      return {
        isRecording: () => true,
        setAttributes: (more) => Object.assign(attributes, more),
        setAttribute: (key, value) => Object.assign(attributes, { [key]: value }),
        addEvent: () => undefined,
        setStatus: () => undefined,
        end: () => spans.push({ name, attributes }),
        spanContext: () => ({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 }),
      };
    },
  }),
};

const warnings = [];
const options = {
  transport: { send: async (request) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: reply(request.body) }) },
  logger: { warn: (message) => warnings.push(message) },
};
if (telemetry === 'given') options.tracerProvider = tracerProvider;
if (telemetry === 'off') Object.assign(options, { tracerProvider: false, meterProvider: false });
const vip = new VipClient(options);
const output = await vip.getServerTime({}, { requestId: 'Package_0001' });
const loaded = Object.keys(require.cache).some((path) => path.includes('@opentelemetry'));
console.log(JSON.stringify({ status: output.status, spans, warnings, loaded }));
