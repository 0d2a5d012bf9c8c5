// Worker threads do not inherit tsx's loader: register it, load the TypeScript worker, then say
// so, so that the pool's time limit counts the job and not the thread's start-up.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
parentPort?.postMessage({ ready: true });
