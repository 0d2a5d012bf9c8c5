// Worker threads do not inherit tsx's loader: register it, load the TypeScript worker, then say
// so, so that the pool's time limit counts the job and not the thread's start-up.
// Large JavaScript dependencies are imported first, by plain Node: through tsx's loader the
// pdf.js build alone takes seconds to load instead of a fraction of one.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

// Bundles built for old engines (pdf.js's legacy build) replace Array.prototype.push with a
// slower polyfill that Node 20 does not need: the native one is put back after loading them.
const nativePush = Array.prototype.push;
for (const { specifier, global } of workerData.preload ?? []) {
  const module = await import(specifier);
  if (global) globalThis[global] = module;
}
Array.prototype.push = nativePush;
register();
await import(workerData.entry);
parentPort?.postMessage({ ready: true });
