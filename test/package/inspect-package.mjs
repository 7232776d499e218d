/**
 * Runs inside the temporary project that has the packed package installed (see installed-package.ts), as a user's
 * script would: it loads every entry point with `import()` (the ESM build) and with `require()` (the CommonJS
 * build) and prints one JSON report on stdout. exports.test.ts makes the assertions; this only observes.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ENTRY_POINTS = ['vip-user-services', 'vip-user-services/mock', 'vip-user-services/testing'];

function isErrorClass(value) {
  return typeof value === 'function' && value.prototype instanceof Error;
}

function kindOf(value) {
  if (isErrorClass(value)) return 'error class';
  if (typeof value === 'function') return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  return typeof value;
}

/** Export name -> kind, in name order, for one loaded entry point. */
function surface(moduleNamespace) {
  return Object.fromEntries(
    Object.keys(moduleNamespace)
      .filter((name) => name !== 'default')
      .sort()
      .map((name) => [name, kindOf(moduleNamespace[name])]),
  );
}

/**
 * Every way `instanceof` must hold, checked for an error built by the `maker` copy against the classes of the
 * `checker` copy. Returns one line per check that failed, so the test can show exactly what broke.
 */
function instanceofFailures(label, error, checker, expectedClasses, unexpectedClasses) {
  const failures = [];
  for (const name of expectedClasses) {
    if (!(error instanceof checker[name])) failures.push(`${label}: not instanceof ${name}`);
  }
  for (const name of unexpectedClasses) {
    if (error instanceof checker[name]) failures.push(`${label}: wrongly instanceof ${name}`);
  }
  return failures;
}

const esm = {};
const cjs = {};
for (const entry of ENTRY_POINTS) {
  esm[entry] = await import(entry);
  cjs[entry] = require(entry);
}
const esmMain = esm['vip-user-services'];
const cjsMain = cjs['vip-user-services'];
const categories = [...new Set(Object.values(esmMain).flatMap((value) => (typeof value?.category === 'string' ? [value.category] : [])))];

// One real instance per documented status, built by the factory of one copy and checked against the other copy,
// and against its own copy: its class, its category, the service error root and the package root.
const failures = [];
const serviceErrorClasses = Object.entries(esmMain).filter(([, value]) => isErrorClass(value) && typeof value.code === 'string');
for (const [name, esmClass] of serviceErrorClasses) {
  const expected = [name, esmClass.category, 'VipServiceError', 'VipError'];
  // Categories the class does not descend from (read from the prototype chain, not from instanceof itself).
  const unexpected = categories.filter((category) => !Object.prototype.isPrototypeOf.call(esmMain[category].prototype, esmClass.prototype));
  const report = { status: esmClass.code, statusMessage: 'Reported by the package test.' };
  const context = { operation: 'checkOtp', transactionId: 'package-test' };
  const fromCjs = cjs['vip-user-services/testing'].createServiceError(report, context);
  const fromEsm = esm['vip-user-services/testing'].createServiceError(report, context);
  if (cjsMain.errorClassForStatus(esmClass.code) !== cjsMain[name]) failures.push(`${name}: errorClassForStatus differs in the CJS build`);
  if (fromCjs.name !== name) failures.push(`${name}: the CJS build names it ${fromCjs.name}`);
  failures.push(
    ...instanceofFailures(`${name} from CJS, ESM classes`, fromCjs, esmMain, expected, unexpected),
    ...instanceofFailures(`${name} from ESM, CJS classes`, fromEsm, cjsMain, expected, unexpected),
    ...instanceofFailures(`${name} from ESM, ESM classes`, fromEsm, esmMain, expected, unexpected),
    ...instanceofFailures(`${name} from CJS, CJS classes`, fromCjs, cjsMain, expected, unexpected),
  );
}

// Every other error class: an object of the CJS class (built without its constructor, whose arguments differ
// per class) must be recognised by the ESM class of the same name and by VipError, and not by an unrelated class.
const otherErrorClasses = Object.entries(esmMain).filter(([, value]) => isErrorClass(value) && typeof value.code !== 'string');
for (const [name] of otherErrorClasses) {
  const fromCjs = Object.create(cjsMain[name].prototype);
  const unrelated = name === 'VipTimeoutError' ? 'VipConfigurationError' : 'VipTimeoutError';
  failures.push(...instanceofFailures(`${name} (CJS prototype), ESM classes`, fromCjs, esmMain, [name, 'VipError'], [unrelated]));
}

console.log(
  JSON.stringify({
    esm: Object.fromEntries(ENTRY_POINTS.map((entry) => [entry, surface(esm[entry])])),
    cjs: Object.fromEntries(ENTRY_POINTS.map((entry) => [entry, surface(cjs[entry])])),
    separateCopies: esmMain.VipError !== cjsMain.VipError && esmMain.VipServiceError !== cjsMain.VipServiceError,
    serviceErrorClassesChecked: serviceErrorClasses.length,
    otherErrorClassesChecked: otherErrorClasses.map(([name]) => name),
    categories: categories.sort(),
    failures,
  }),
);
