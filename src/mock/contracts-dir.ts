/**
 * Puts the repository's own WSDL/XSD contracts on disk for node-soap, which resolves the schema import relative to
 * the WSDL file's path. Written once per process into a directory named after their hash, so concurrent test
 * workers and several versions of the package never trip over each other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_FILES } from '../generated/contracts.js';
import type { ServiceName } from '../core/plan.js';

/** The part of each service's WSDL file name before the version: `vipuserservices-auth-1.10.wsdl`. */
const WSDL_FILES: Record<ServiceName, string> = {
  Authentication: 'vipuserservices-auth',
  Management: 'vipuserservices-mgmt',
  Query: 'vipuserservices-query',
};

/** A service's WSDL: its text and the absolute path it was written to. */
export interface WsdlFile {
  xml: string;
  path: string;
}

let written: Promise<string> | undefined;

function contractsHash(): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(CONTRACT_FILES).sort())
    hash
      .update(name)
      .update('\0')
      .update(CONTRACT_FILES[name] as string)
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function writeIfChanged(path: string, content: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === content) return;
  // Write aside and rename: another process may be reading the same file right now.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, content);
  await rename(aside, path);
}

async function writeContracts(): Promise<string> {
  const directory = join(tmpdir(), `vip-user-services-mock-${contractsHash()}`);
  await mkdir(directory, { recursive: true });
  await Promise.all(Object.entries(CONTRACT_FILES).map(([name, content]) => writeIfChanged(join(directory, name), content)));
  return directory;
}

/**
 * The WSDL of `service` in the contracts of `contractVersion` (`1.8`, `1.10`), with its path in the contracts
 * directory (written on first use).
 * @throws when the temporary directory cannot be written, or there is no such contract.
 */
export async function wsdlFile(service: ServiceName, contractVersion: string): Promise<WsdlFile> {
  written ??= writeContracts().catch((error: unknown) => {
    written = undefined;
    throw error;
  });
  const directory = await written;
  const name = `${WSDL_FILES[service]}-${contractVersion}.wsdl`;
  const xml = CONTRACT_FILES[name];
  if (xml === undefined) throw new Error(`the mock has no contract ${name}`);
  return { xml, path: join(directory, name) };
}
