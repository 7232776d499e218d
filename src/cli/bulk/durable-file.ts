/**
 * An append-only text file whose appends can be awaited until they are on disk. Appends made while a write is in
 * progress are gathered into the next write and one `fdatasync` (group commit), so sixteen workers cost about one
 * disk flush per batch, not sixteen; lines nobody waits for ride along with the next write. The journal and the delete backup both use it: a row's "about to send" record
 * and a user's backup must survive a crash or power cut before the call that depends on them is made.
 */
import { type FileHandle, open } from 'node:fs/promises';

/** How long a `soon` line may wait for a write that would take it anyway. */
export const LAZY_FLUSH_MS = 200;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class DurableFile {
  readonly path: string;
  readonly #handle: FileHandle;
  #pending: string[] = [];
  #waiters: Waiter[] = [];
  #flushing: Promise<void> | undefined;
  /** The timer that writes `soon` lines when no `now` line comes first. */
  #lazy: NodeJS.Timeout | undefined;
  /** The first write error; every later append fails with it (a journal with a gap is worse than none). */
  #failed: unknown;

  private constructor(path: string, handle: FileHandle) {
    this.path = path;
    this.#handle = handle;
  }

  /**
   * Opens `path` for appending, creating it. A file whose last line was cut off (a crash mid-write) gets a line
   * break first, so the next record starts on its own line.
   */
  static async open(path: string): Promise<DurableFile> {
    const handle = await open(path, 'a+');
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n');
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new DurableFile(path, handle);
  }

  /**
   * Appends `line` (a line break is added) and resolves once it is written and flushed to disk.
   * @param when `now` starts a write at once; `soon` lets the line wait up to {@link LAZY_FLUSH_MS} for the next write
   * (a record nobody waits for: it then costs no disk flush of its own).
   */
  append(line: string, when: 'now' | 'soon' = 'now'): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    return new Promise<void>((resolve, reject) => {
      this.#pending.push(`${line}\n`);
      this.#waiters.push({ resolve, reject });
      if (when === 'now') this.#flushing ??= this.#flush();
      else this.#lazy ??= setTimeout(() => this.#flushNow(), LAZY_FLUSH_MS).unref();
    });
  }

  /** Writes what is pending, waits for every append so far, then closes the file. */
  async close(): Promise<void> {
    this.#flushNow();
    await this.#flushing;
    clearTimeout(this.#lazy);
    await this.#handle.close();
  }

  #flushNow(): void {
    clearTimeout(this.#lazy);
    this.#lazy = undefined;
    this.#flushing ??= this.#flush();
  }

  async #flush(): Promise<void> {
    // Let the appends of this turn of the event loop join the batch.
    await Promise.resolve();
    while (this.#pending.length > 0) {
      // This write takes the `soon` lines too.
      clearTimeout(this.#lazy);
      this.#lazy = undefined;
      const text = this.#pending.join('');
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        await this.#handle.write(text);
        await this.#handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.#failed ??= error;
        for (const waiter of [...waiters, ...this.#waiters]) waiter.reject(this.#failed);
        // Emptied in place: the loop ends, and no later append reaches them (it fails at once).
        this.#pending.length = 0;
        this.#waiters.length = 0;
      }
    }
    this.#flushing = undefined;
  }
}
