/**
 * The backup `bulk delete-users` writes before each delete: one JSON line per user with VIP's `getUserInfo` answer
 * (state, bindings, friendly names, push attributes), flushed to disk before the delete is sent, so a user whose
 * backup did not reach the disk is never deleted. `bulk restore` reads it back. VIP never returns PINs, so a backup
 * holds none.
 */
import type { GetUserInfoOutput } from '../../index.js';
import { DurableFile } from './durable-file.js';

/** One line of a backup file. */
export interface BackupRecord {
  readonly t: 'user';
  readonly v: 1;
  readonly userId: string;
  /** The child account the user belongs to, when the job acted for one. */
  readonly childAccount?: string | undefined;
  readonly savedAt: string;
  /** VIP's answer as the SDK returned it (dates as ISO 8601 strings once read back). */
  readonly info: BackupUserInfo;
}

/** The parts of `getUserInfo`'s answer a restore reads; the rest is kept in the file for people and other tools. */
export interface BackupUserInfo {
  readonly userStatus?: string | undefined;
  readonly isPinSet?: boolean | undefined;
  readonly isTempPasswordSet?: boolean | undefined;
  readonly credentialBindingDetail?:
    | readonly {
        readonly credentialId: string;
        readonly credentialType: string;
        readonly bindingDetail?: { readonly bindStatus?: string; readonly friendlyName?: string; readonly trustedDevice?: boolean };
        readonly pushAttributes?: readonly { readonly Key: string; readonly Value: string }[];
      }[]
    | undefined;
}

/** A user's backup did not reach the disk; the user is not deleted. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Appends users to a backup file, each flushed to disk before `write` resolves. */
export class BackupWriter {
  readonly path: string;
  readonly #file: DurableFile;

  private constructor(file: DurableFile) {
    this.#file = file;
    this.path = file.path;
  }

  static async open(path: string): Promise<BackupWriter> {
    return new BackupWriter(await DurableFile.open(path));
  }

  /**
   * Saves one user; a rerun may save a user again, and restore uses the last line of each user.
   * @throws {BackupError} when the line could not be written and flushed.
   */
  async write(userId: string, childAccount: string | undefined, info: GetUserInfoOutput): Promise<void> {
    const record: BackupRecord = { t: 'user', v: 1, userId, childAccount, savedAt: new Date().toISOString(), info };
    try {
      await this.#file.append(JSON.stringify(record));
    } catch (error) {
      throw new BackupError(`could not write the backup to ${this.path} (${(error as Error).message}), so the user was not deleted`);
    }
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}

/**
 * Reads one backup line.
 * @returns the record, or why the line is not one.
 */
export function parseBackupLine(text: string): BackupRecord | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const record = value as Partial<BackupRecord> | null;
  if (typeof record !== 'object' || record === null || record.t !== 'user' || record.v !== 1) {
    return { error: 'not a user backup record (written by bulk delete-users)' };
  }
  if (typeof record.userId !== 'string' || record.userId === '') return { error: 'the record has no userId' };
  if (record.childAccount !== undefined && typeof record.childAccount !== 'string') return { error: 'childAccount is not text' };
  const bindings = record.info?.credentialBindingDetail;
  if (typeof record.info !== 'object' || record.info === null || (bindings !== undefined && !Array.isArray(bindings))) {
    return { error: 'the record has no user details (info)' };
  }
  for (const binding of bindings ?? []) {
    if (typeof binding?.credentialId !== 'string' || typeof binding.credentialType !== 'string') {
      return { error: 'a credential binding has no credentialId or credentialType' };
    }
  }
  return record as BackupRecord;
}

/** The key under which restore keeps only a user's last backup: VIP user IDs ignore case. */
export function backupUserKey(record: BackupRecord): string {
  return `${record.childAccount ?? ''}\u0000${record.userId.toLowerCase()}`;
}
