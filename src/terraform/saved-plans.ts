/**
 * Saved plans hold every value of the module, stream keys included: they are written 0600 in working roots kept 0700.
 * A review-only plan (offline, or deploy-template --plan-only) is marked so apply refuses it, and is deleted when a
 * newer plan supersedes it or once it is a day old.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const PLAN_FILE = "blackwell.tfplan";
const REVIEW_MARKER = `${PLAN_FILE}.review-only`;
export const REVIEW_PLAN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export const isReviewOnlyPlan = (rootDir: string) => fs.existsSync(path.join(rootDir, REVIEW_MARKER));

/** Removes a root's saved plan (a new plan supersedes it; a failed plan must not leave the old one to be applied). */
export function removeSavedPlan(rootDir: string): void {
  fs.rmSync(path.join(rootDir, PLAN_FILE), { force: true });
  fs.rmSync(path.join(rootDir, REVIEW_MARKER), { force: true });
}

/** After terraform wrote a plan: owner-only, and marked when it is for review only. */
export function secureSavedPlan(rootDir: string, o: { reviewOnly?: boolean } = {}): void {
  fs.chmodSync(path.join(rootDir, PLAN_FILE), 0o600);
  if (o.reviewOnly) fs.writeFileSync(path.join(rootDir, REVIEW_MARKER), new Date().toISOString() + "\n", { mode: 0o600 });
}

/** Deletes review-only plans older than `maxAgeMs` in every working root under `workDir`; returns the roots swept. */
export function sweepReviewPlans(workDir: string, now = Date.now(), maxAgeMs = REVIEW_PLAN_MAX_AGE_MS): string[] {
  if (!fs.existsSync(workDir)) return [];
  const swept: string[] = [];
  for (const entry of fs.readdirSync(workDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const root = path.join(workDir, entry.name);
    const marker = path.join(root, REVIEW_MARKER);
    if (fs.existsSync(marker) && now - fs.statSync(marker).mtimeMs > maxAgeMs) {
      removeSavedPlan(root);
      swept.push(root);
    }
  }
  return swept;
}
