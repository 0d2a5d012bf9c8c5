import type { RecordChanges } from "../types.ts";

export interface RemovalPolicy {
  /** Given by `--allow-removals`: a maintainer approved the removals. */
  allowRemovals: boolean;
  /** Largest share (0..1) of the published commitments a run may remove without approval. */
  maxEngagementRemovalShare: number;
}

/**
 * Mass-deletion guard. A source page that suddenly lists fewer files, or an extraction that
 * suddenly finds fewer commitments, looks exactly like a real withdrawal; only a person can tell.
 * Returns why the publication is held back, or null when it may go on.
 */
export function removalsNeedingApproval(
  changes: { accords: RecordChanges; engagements: RecordChanges },
  publishedEngagements: number,
  policy: RemovalPolicy,
): string | null {
  if (policy.allowRemovals) return null;
  const reasons: string[] = [];
  if (changes.accords.removed.length) {
    reasons.push(
      `${changes.accords.removed.length} agreement(s) would be removed (${changes.accords.removed.join(", ")})`,
    );
  }
  const removed = changes.engagements.removed.length;
  if (publishedEngagements > 0 && removed / publishedEngagements > policy.maxEngagementRemovalShare) {
    const share = Math.round((100 * removed) / publishedEngagements);
    reasons.push(
      `${removed} of ${publishedEngagements} commitments (${share} %) would be removed, more than the allowed ${Math.round(
        policy.maxEngagementRemovalShare * 100,
      )} %`,
    );
  }
  return reasons.length ? `${reasons.join("; ")}. Re-run with --allow-removals once a maintainer has checked.` : null;
}
