/**
 * An append-only text file whose appends can be awaited until they are on disk. Appends made while a write is in
 * progress are gathered into the next write and one `fdatasync` (group commit), so sixteen workers cost about one
 * disk flush per batch, not sixteen. The journal and the delete backup both use it: a row's "about to send" record
 * and a user's backup must survive a crash or power cut before the call that depends on them is made.
 */
import { type FileHandle, open } from 'node:fs/promises';

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

  /** Appends `line` (a line break is added) and resolves once it is written and flushed to disk. */
  append(line: string): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    return new Promise<void>((resolve, reject) => {
      this.#pending.push(`${line}\n`);
      this.#waiters.push({ resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Waits for every append so far, then closes the file. */
  async close(): Promise<void> {
    await this.#flushing;
    await this.#handle.close();
  }

  async #flush(): Promise<void> {
    // Let the appends of this turn of the event loop join the batch.
    await Promise.resolve();
    while (this.#pending.length > 0) {
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
        this.#pending = [];
        this.#waiters = [];
      }
    }
    this.#flushing = undefined;
  }
}
