import { parentPort } from "node:worker_threads";

// Test worker: answers { echo }, hangs on "hang", exhausts its heap on "oom", throws on "crash".
const hog: string[][] = [];
parentPort?.on("message", (job: string) => {
  if (job === "hang") return;
  if (job === "crash") throw new Error("boom");
  if (job === "oom") for (;;) hog.push(new Array(1_000_000).fill("x"));
  parentPort?.postMessage({ progress: `working on ${job}` });
  parentPort?.postMessage({ result: { echo: job } });
});
