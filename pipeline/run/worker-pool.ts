import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

export type WorkerFailure = "timeout" | "out-of-memory" | "worker-crashed";

export interface PoolOptions<Job, Result> {
  /**
   * Module run in each thread (TypeScript allowed): it answers every job with `{ result }`, and
   * may send `{ progress }` messages before.
   */
  entry: URL;
  /** JavaScript modules imported before the TypeScript loader starts, optionally kept as a global. */
  preload?: { specifier: string; global?: string }[];
  /** Threads; default one per core. */
  size?: number;
  /** Heap cap of each thread, in MB. */
  memoryMb: number;
  /** Longest time one job may take. */
  timeoutMs: number;
  /** The result standing for a job whose thread hung, ran out of memory or crashed. */
  failed(job: Job, failure: WorkerFailure, message: string): Result;
}

const BOOT = new URL("./worker-boot.mjs", import.meta.url);

/**
 * Long-lived worker threads, one job each at a time. A job that hangs or exhausts its memory
 * costs only its own thread, which is terminated and replaced; the run goes on.
 */
export function createWorkerPool<Job, Result>(options: PoolOptions<Job, Result>) {
  const size = Math.max(1, options.size ?? availableParallelism());
  const idle: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  let live = 0;
  const bootErrors = new WeakMap<Worker, Error>();

  const spawn = (): Promise<Worker> => {
    live++;
    // Library chatter on the worker's console must not mix with `--json` on stdout.
    const worker = new Worker(BOOT, {
      workerData: { entry: options.entry.href, preload: options.preload ?? [] },
      // A young generation of 16 MB (V8 sizes it from the heap cap otherwise) costs no measurable
      // time here and 15-25 MB less memory per thread.
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise((resolve) => {
      // A thread that fails to start is handed over anyway: its first job reports why.
      const started = (event: unknown) => {
        worker.off("message", started).off("error", started).off("exit", started);
        if (event instanceof Error) bootErrors.set(worker, event);
        else if (typeof event === "number")
          bootErrors.set(worker, new Error(`thread exited (${event}) while starting`));
        resolve(worker);
      };
      worker.on("message", started).on("error", started).on("exit", started);
    });
  };

  const acquire = (): Promise<Worker> => {
    const worker = idle.pop();
    if (worker) return Promise.resolve(worker);
    if (live < size) return spawn();
    return new Promise((resolve) => waiting.push(resolve));
  };

  /** Hands a healthy thread to the next job, or replaces a dead one. */
  const release = (worker: Worker | null) => {
    if (!worker) live--;
    const next = waiting.shift();
    if (next) {
      if (worker) next(worker);
      else void spawn().then(next);
    } else if (worker) idle.push(worker);
  };

  function run(job: Job, onProgress?: (progress: unknown) => void): Promise<Result> {
    return acquire().then(
      (worker) =>
        new Promise<Result>((resolve) => {
          let settled = false;
          const finish = (result: Result, healthy: boolean) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            worker.off("message", onMessage).off("error", onError).off("exit", onExit);
            if (!healthy) void worker.terminate();
            release(healthy ? worker : null);
            resolve(result);
          };
          const onMessage = (message: { result?: Result; progress?: unknown }) => {
            if ("result" in message) finish(message.result as Result, true);
            else onProgress?.(message.progress);
          };
          const onError = (error: Error & { code?: string }) =>
            finish(
              error.code === "ERR_WORKER_OUT_OF_MEMORY"
                ? options.failed(job, "out-of-memory", `needed more than ${options.memoryMb} MB of memory`)
                : options.failed(job, "worker-crashed", `crashed: ${error.message}`),
              false,
            );
          const onExit = (code: number) =>
            finish(options.failed(job, "worker-crashed", `thread exited (${code})`), false);
          const timer = setTimeout(
            () => finish(options.failed(job, "timeout", `took longer than ${options.timeoutMs} ms`), false),
            options.timeoutMs,
          );
          const bootError = bootErrors.get(worker);
          if (bootError) return onError(bootError);
          worker.on("message", onMessage).on("error", onError).on("exit", onExit);
          worker.postMessage(job);
        }),
    );
  }

  /** Ends the idle threads, freeing their memory; a later job starts new ones. */
  async function close(): Promise<void> {
    live -= idle.length;
    await Promise.all(idle.splice(0).map((w) => w.terminate()));
  }

  return { run, close };
}
