/**
 * How the benchmarks measure a contender: many calls kept in flight at once, timed on the wall clock, with the
 * calling thread's CPU read from its event loop's busy time (which does not depend on how fast the server answers).
 */

/** One call of a contender. */
export type Call = () => Promise<unknown>;

/** A contender: its name, its call, and what to set up before each of its rounds and undo after it. */
export type Contender = readonly [name: string, call: Call, around?: { before(): void; after(): void }];

/** What one round measured. */
export interface Round {
  /** Requests per second. */
  rate: number;
  /** Microseconds of the calling thread's CPU per request (its event loop's busy time). */
  cpuMicros: number;
  /**
   * Microseconds of the whole process's CPU time per request (user and system): not inflated when other jobs
   * take the cores, but it includes the server when that runs in a worker thread of the same process.
   */
  processCpuMicros: number;
}

/** Makes `count` calls, `concurrency` at a time. */
export async function measure(call: Call, count: number, concurrency: number): Promise<Round> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await call();
  };
  const started = performance.now();
  const loop = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const busy = performance.eventLoopUtilization(loop);
  const used = process.cpuUsage(cpu);
  return {
    rate: count / ((performance.now() - started) / 1000),
    cpuMicros: (busy.active * 1000) / count,
    processCpuMicros: (used.user + used.system) / count,
  };
}

/**
 * Runs interleaved rounds of every contender and keeps the best of each (highest rate, lowest CPU), so a noisy
 * neighbour hurts them all alike. Each round starts with the next contender, so none always runs first or last.
 */
export async function bestOf(
  contenders: readonly Contender[],
  rounds: number,
  count: number,
  concurrency: number,
): Promise<Map<string, Round>> {
  // Reported in the contenders' own order. (No forced collection between rounds: a full gc() made every later
  // call of the process a third slower, on any contender.)
  const best = new Map<string, Round>(contenders.map(([name]) => [name, { rate: 0, cpuMicros: Infinity, processCpuMicros: Infinity }]));
  for (let round = 0; round < rounds; round++) {
    const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)];
    for (const [name, call, around] of order) {
      around?.before();
      const result = await measure(call, count, concurrency).finally(() => around?.after());
      const previous = best.get(name) as Round;
      best.set(name, {
        rate: Math.max(previous.rate, result.rate),
        cpuMicros: Math.min(previous.cpuMicros, result.cpuMicros),
        processCpuMicros: Math.min(previous.processCpuMicros, result.processCpuMicros),
      });
    }
  }
  return best;
}
