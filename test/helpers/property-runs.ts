/**
 * Settings for property-based tests: a fixed seed so CI is repeatable, and more runs on demand
 * (`VIP_PROPERTY_RUNS=20000 npx vitest run test/observability`), with `VIP_PROPERTY_SEED` to explore other inputs.
 */
export function propertyRuns(defaultRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.VIP_PROPERTY_RUNS ?? defaultRuns);
  const seed = Number(process.env.VIP_PROPERTY_SEED ?? 20261129);
  return { seed, numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns };
}
