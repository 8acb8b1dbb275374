// The lint analyses run here, off the server's thread: on a large set they take long enough that
// hover and completion would stall behind them. The worker keeps the set's ASTs; each request sends
// only the files that changed.
import { parentPort } from "node:worker_threads";
import { checkSet, hasErrors, type CharterFile } from "@charter/lang";
import { analyse, type Finding, type Level } from "@charter/engine";

export interface LintRequest {
  id: number;
  /** New or re-parsed files. */
  upserts: CharterFile[];
  /** Paths of files gone from the set. */
  removes: string[];
  levels: Record<string, Level>;
}

export type LintReply = { id: number; findings: Finding[] } | { id: number; error: string };

const files = new Map<string, CharterFile>();

parentPort?.on("message", (req: LintRequest) => {
  for (const f of req.upserts) files.set(f.file, f);
  for (const p of req.removes) files.delete(p);
  try {
    const sorted = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const checked = checkSet(sorted);
    // The server only asks for a clean set; a disagreement means nothing to report, not a crash.
    const findings = hasErrors(checked.diagnostics) ? [] : analyse(checked.set, { levels: req.levels });
    parentPort!.postMessage({ id: req.id, findings } satisfies LintReply);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies LintReply);
  }
});
