// Preloaded into a measured child when GNU time is missing: writes the process's peak resident
// set size (worker threads included), in kB, to the file the benchmark names.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.ACCORDS_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
