/**
 * What earlier runs discovered on each page, with the validators the page was served with: while
 * the server answers 304, the page is neither downloaded nor parsed again, and the HTML parser is
 * not even loaded.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { readJson, writeIfChanged } from "../files.ts";
import type { Discovery, Validators } from "../types.ts";

/** Bump when `parsePackagePage` finds something else on the same HTML, so that pages are parsed again. */
export const DISCOVERY_VERSION = 1;

export interface RememberedPage {
  validators: Validators;
  discovery: Discovery;
}

export interface DiscoveryMemory {
  recall(url: string, allowedHosts: ReadonlySet<string>): Promise<RememberedPage | null>;
  keep(url: string, allowedHosts: ReadonlySet<string>, page: RememberedPage): Promise<void>;
}

function isRemembered(v: unknown): v is RememberedPage {
  const r = v as Partial<RememberedPage> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.validators === "object" &&
    r.validators !== null &&
    typeof r.discovery === "object" &&
    r.discovery !== null &&
    Array.isArray(r.discovery.documents) &&
    Array.isArray(r.discovery.warnings)
  );
}

/** Memory in `dir`, one file per page URL, parser version and set of allowed hosts (they filter the links). */
export function discoveryMemory(dir: string): DiscoveryMemory {
  const file = (url: string, hosts: ReadonlySet<string>) =>
    path.join(
      dir,
      `${createHash("sha256")
        .update(JSON.stringify([DISCOVERY_VERSION, url, [...hosts].sort()]))
        .digest("hex")}.json`,
    );
  return {
    async recall(url, hosts) {
      const value = await readJson(file(url, hosts));
      return isRemembered(value) ? value : null;
    },
    async keep(url, hosts, page) {
      await writeIfChanged(file(url, hosts), Buffer.from(JSON.stringify(page)));
    },
  };
}
