/**
 * A pool of tesseract.js workers (one thread each), offline: trained data from the npm packages, the
 * worker script and the WebAssembly core from node_modules, no cache written. A page that runs past
 * its time, or whose document runs out of time, terminates its worker; a fresh one replaces it for
 * the next page.
 */
import { createRequire } from "node:module";
import type { Worker as Thread } from "node:worker_threads";
import Tesseract from "tesseract.js";
import { traineddataDir } from "./traineddata.ts";

const require = createRequire(import.meta.url);
// In Node the core (.wasm) is loaded with require() from tesseract.js-core: no corePath, no fetch.
const WORKER_SCRIPT = require.resolve("tesseract.js/src/worker-script/node/index.js");

/** Pixels, top-left origin, as tesseract reports them. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RecognizedWord {
  text: string;
  /** 0..100 */
  confidence: number;
  box: Box;
}

export interface RecognizedLine {
  box: Box;
  /** y of the baseline. */
  baseline: number;
  /** Height of the lower-case letters, from tesseract's row model (steadier than the ink box). */
  xHeight: number;
  /** Index of tesseract's paragraph on the page: lines of a paragraph share a font size. */
  paragraph: number;
  words: RecognizedWord[];
}

export class OcrTimeoutError extends Error {
  override name = "OcrTimeoutError";
}

export interface RecognizerOptions {
  languages: readonly string[];
  /** Largest number of worker threads. */
  workers: number;
  /** Resolution of the images, told to tesseract (it would otherwise guess it). */
  dpi: number;
}

export interface RecognizeLimits {
  timeoutMs: number;
  /** Aborting it (the document's time is up) ends the recognition as a timeout. */
  signal?: AbortSignal;
}

export interface Recognizer {
  recognize(image: Uint8Array, limits: RecognizeLimits): Promise<RecognizedLine[]>;
  close(): Promise<void>;
}

/** Tesseract's page → lines of words, empty words dropped. Pure. */
export function linesOf(page: Pick<Tesseract.Page, "blocks">): RecognizedLine[] {
  const paragraphs = (page.blocks ?? []).flatMap((b) => b.paragraphs);
  return paragraphs.flatMap((paragraph, index) =>
    paragraph.lines.flatMap((line) => {
      const words = line.words
        .filter((w) => w.text.trim() !== "")
        .map((w) => ({ text: w.text, confidence: w.confidence, box: { ...w.bbox } }));
      if (words.length === 0) return [];
      const row = line.rowAttributes;
      return [
        {
          box: { ...line.bbox },
          baseline: (line.baseline.y0 + line.baseline.y1) / 2,
          xHeight: row.rowHeight - row.ascenders - row.descenders,
          paragraph: index,
          words,
        },
      ];
    }),
  );
}

interface Slot {
  worker: Tesseract.Worker;
  /** Ends the job running on this worker, if any (thread crash, pool closed). */
  fail: ((err: Error) => void) | null;
}

export function createRecognizer(opts: RecognizerOptions): Recognizer {
  const langPath = traineddataDir(opts.languages); // fails here, before any thread, on a missing language
  const size = Math.max(1, opts.workers);
  const all = new Set<Slot>();
  const idle: Slot[] = [];
  const waiting: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  let live = 0;
  let closed = false;

  const spawn = async (): Promise<Slot> => {
    const worker = await Tesseract.createWorker([...opts.languages].join("+"), Tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: "none",
      workerPath: WORKER_SCRIPT,
      // Job failures reject the job's promise; without a handler tesseract.js rethrows them uncaught.
      errorHandler: () => {},
    });
    const slot: Slot = { worker, fail: null };
    const thread = (worker as unknown as { worker: Thread }).worker;
    // tesseract.js sets `onerror`, which Node's Worker ignores: a crashing thread would be uncaught.
    thread.on("error", (err) => slot.fail?.(err instanceof Error ? err : new Error(String(err))));
    thread.on("exit", () => slot.fail?.(new Error("OCR worker thread exited")));
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO, user_defined_dpi: String(opts.dpi) });
    if (closed) {
      await worker.terminate();
      throw new Error("OCR pool closed");
    }
    all.add(slot);
    return slot;
  };

  const pump = (): void => {
    while (waiting.length > 0 && live < size) {
      const waiter = waiting.shift();
      if (!waiter) break;
      live++;
      spawn().then(waiter.resolve, (err: unknown) => {
        live--;
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
      });
    }
  };

  const acquire = (): Promise<Slot> => {
    if (closed) return Promise.reject(new Error("OCR pool closed"));
    const slot = idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      pump();
    });
  };

  const release = (slot: Slot): void => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(slot);
    else idle.push(slot);
  };

  const discard = (slot: Slot): void => {
    slot.fail = null;
    all.delete(slot);
    live--;
    void slot.worker.terminate();
    pump();
  };

  const run = (slot: Slot, image: Uint8Array, limits: RecognizeLimits): Promise<Tesseract.Page> =>
    new Promise<Tesseract.Page>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (finish: () => void): void => {
        clearTimeout(timer);
        limits.signal?.removeEventListener("abort", onAbort);
        slot.fail = null;
        finish();
      };
      const onAbort = (): void => settle(() => reject(new OcrTimeoutError("the document's OCR time is up")));
      if (limits.signal?.aborted) return onAbort();
      limits.signal?.addEventListener("abort", onAbort, { once: true });
      timer = setTimeout(
        () => settle(() => reject(new OcrTimeoutError(`OCR took longer than ${limits.timeoutMs} ms`))),
        Math.max(0, limits.timeoutMs),
      );
      slot.fail = (err) => settle(() => reject(err));
      slot.worker
        // No rotateAuto: boxes must stay in the rendered image's coordinates (ink is measured there);
        // sizes come from the x-height, which skew does not change.
        .recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { blocks: true, text: false })
        .then(
          (r) => settle(() => resolve(r.data)),
          (err: unknown) => settle(() => reject(new Error(`tesseract: ${String(err)}`))),
        );
    });

  return {
    async recognize(image, limits) {
      const slot = await acquire();
      try {
        const page = await run(slot, image, limits);
        release(slot);
        return linesOf(page);
      } catch (err) {
        discard(slot);
        throw err;
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new Error("OCR pool closed"));
      const slots = [...all];
      all.clear();
      idle.length = 0;
      for (const s of slots) s.fail?.(new Error("OCR pool closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
