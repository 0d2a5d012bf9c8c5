import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";

/**
 * Debian's package, installed by .ci/run; CHROMIUM_PATH may name another Chromium or Chrome. The
 * browser tests are skipped where there is none.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/**
 * Without the background-networking flags Chromium reaches out to Google hosts on start; the
 * tests only ever talk to 127.0.0.1.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Playwright starts Chromium with a new, empty profile of its own and removes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
