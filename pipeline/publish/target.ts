import type { ChangeSummary, OutputFile, PublishedStore } from "../types.ts";
import { localStore, publishLocal, recoverLocal } from "./local.ts";

/** One dataset's complete publication: every file it should hold, and what that changes. */
export interface Publication {
  slug: string;
  files: OutputFile[];
  /** Published paths to delete (the local target needs them; git targets compare trees). */
  removals: string[];
  summary: ChangeSummary;
  validation: { ok: boolean; details: string[] };
}

export interface PublishOutcome {
  written: string[];
  removed: string[];
  messages: string[];
}

/** Where publications go: a local folder, or a GitHub pull request. */
export interface Target {
  readonly name: "local" | "github";
  /** What is published now, to compare against and to keep the records of rejected documents. */
  store(): Promise<PublishedStore>;
  publish(publication: Publication): Promise<PublishOutcome>;
}

export function localTarget(root: string): Target {
  return {
    name: "local",
    async store() {
      // A publication interrupted after its commit point is finished before anything reads it.
      await recoverLocal(root);
      return localStore(root);
    },
    async publish(publication) {
      const { written, removed } = await publishLocal(root, publication.files, publication.removals);
      return { written, removed, messages: [] };
    },
  };
}
