/** Lets each example file run on its own (`npx tsx examples/<name>.ts`) while staying importable by the demo. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ExampleContext, type ExampleEnvironment, openEnvironment } from './environment.js';

/** What an example module exports. */
export interface Example {
  /** One line saying what the example shows. */
  readonly title: string;
  run(context: ExampleContext): Promise<void>;
}

/**
 * Runs `example` against the configured target when `moduleUrl` is the script node was started with; does nothing
 * when the module was imported (by the demo). Sets a non-zero exit code when the example fails.
 */
export async function runWhenMain(moduleUrl: string, example: Example): Promise<void> {
  const script = process.argv[1];
  if (script === undefined || pathToFileURL(resolve(script)).href !== moduleUrl) return;
  let environment: ExampleEnvironment;
  try {
    environment = await openEnvironment();
  } catch (error) {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${example.title}\n(against ${environment.description})`);
  try {
    await example.run(environment.context);
    console.log('Done.');
  } catch (error) {
    // VipError messages never carry secrets, so printing them is safe.
    console.error(`Failed: ${String(error)}`);
    process.exitCode = 1;
  } finally {
    await environment.close();
  }
}
