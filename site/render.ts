import type { SiteInput } from "./model.ts";
import { accordPagePath } from "./model.ts";
import { agreementPage } from "./pages/agreement.ts";
import { explorerPage } from "./pages/explorer.ts";
import { homePage } from "./pages/home.ts";
import { EXPLORER_PATH } from "./pages/layout.ts";

export interface SitePage {
  /** Relative to the site root, POSIX. */
  path: string;
  html: string;
}

/** Every HTML page of the site, from the datasets alone: same input, same pages, byte for byte. */
export function renderSite(input: SiteInput): SitePage[] {
  return [
    { path: "index.html", html: homePage(input) },
    { path: EXPLORER_PATH, html: explorerPage(input) },
    ...input.datasets.flatMap((dataset) =>
      dataset.accords.map((accord) => ({
        path: accordPagePath(dataset, accord),
        html: agreementPage(dataset, accord),
      })),
    ),
  ];
}
