// The lint analyses run in a worker thread: on a large set they take long enough that hover and
// completion would stall behind them. The worker keeps the set's texts and ASTs; each request sends
// only the texts that changed, which the worker parses itself: cloning ASTs to it cost the server's
// thread ~60–130 ms for a 5,000-line set, a string costs next to nothing. One request is in flight,
// the newest one queued, stale answers dropped; a run that has been outdated for long is cut short.
//
// The worker runs this same module (`import.meta.url`), not a file beside it: the CLI ships as an
// esbuild bundle, whose chunks have other names than the sources and no worker entry of their own.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { checkSet, hasErrors, parse, type CharterFile, type SourceText } from "@charter/lang";
import { analyse, type Finding, type Level } from "@charter/engine";

/** Restart rather than wait when an outdated run has taken this long already (a restart re-sends the set). */
const RESTART_AFTER_MS = 3000;
const ROLE = "charter-lint";

interface LintRequest {
  id: number;
  /** New or changed files. */
  upserts: SourceText[];
  /** Paths of files gone from the set. */
  removes: string[];
  levels: Record<string, Level>;
}

type LintReply = { id: number; findings: Finding[] } | { id: number; error: string };

/** The worker's side: hold the ASTs, check, analyse, answer. */
function serve(port: NonNullable<typeof parentPort>): void {
  const files = new Map<string, CharterFile | undefined>();
  port.on("message", (req: LintRequest) => {
    try {
      for (const s of req.upserts) files.set(s.file, parse(s.text, s.file).ast);
      for (const p of req.removes) files.delete(p);
      const sorted = [...files.values()].flatMap((f) => (f ? [f] : [])).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const checked = checkSet(sorted);
      // The server only asks for a clean set; a disagreement means nothing to report, not a crash.
      const findings = hasErrors(checked.diagnostics) ? [] : analyse(checked.set, { levels: req.levels });
      port.postMessage({ id: req.id, findings } satisfies LintReply);
    } catch (e) {
      port.postMessage({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies LintReply);
    }
  });
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) serve(parentPort);

interface Pending {
  id: number;
  files: readonly SourceText[];
  levels: Record<string, Level>;
  done: (findings: Finding[]) => void;
}

/** The server's side of the worker. */
export class LintRunner {
  private worker?: Worker;
  /** What the worker holds, by path: the texts last sent. */
  private sent = new Map<string, string>();
  private running?: { id: number; started: number; done: Pending["done"] };
  private queued?: Pending;
  private nextId = 1;
  private latest = 0;

  constructor(private readonly log: (message: string) => void) {}

  /** Lint the set of `files` (all of them clean); `done` is called only if no newer request came in meanwhile. */
  request(files: readonly SourceText[], levels: Record<string, Level>, done: Pending["done"]): void {
    const p: Pending = { id: this.nextId++, files, levels, done };
    this.latest = p.id;
    if (!this.running) return this.send(p);
    if (Date.now() - this.running.started > RESTART_AFTER_MS) {
      this.stop();
      return this.send(p);
    }
    this.queued = p;
  }

  /** Forget any run in flight: the set went unclean. */
  cancel(): void {
    this.latest = this.nextId++;
    this.queued = undefined;
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.sent.clear();
    this.running = undefined;
  }

  private spawn(): Worker {
    const w = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
    w.unref();
    // A worker that was stopped may still have an answer in the pipe: only the current one is heard.
    w.on("message", (reply: LintReply) => {
      if (w === this.worker) this.reply(reply);
    });
    w.on("error", (e) => {
      this.log(`charter lint worker failed: ${e.message}`);
      if (w === this.worker) this.stop();
    });
    return w;
  }

  private send(p: Pending): void {
    this.worker ??= this.spawn();
    const upserts = p.files.filter((f) => this.sent.get(f.file) !== f.text);
    const keep = new Set(p.files.map((f) => f.file));
    const removes = [...this.sent.keys()].filter((k) => !keep.has(k));
    for (const r of removes) this.sent.delete(r);
    for (const f of upserts) this.sent.set(f.file, f.text);
    this.running = { id: p.id, started: Date.now(), done: p.done };
    this.worker.postMessage({ id: p.id, upserts, removes, levels: p.levels } satisfies LintRequest);
  }

  private reply(r: LintReply): void {
    const run = this.running;
    this.running = undefined;
    if ("error" in r) this.log(`charter lint failed: ${r.error}`);
    else if (run && run.id === r.id && r.id === this.latest) run.done(r.findings);
    const q = this.queued;
    this.queued = undefined;
    if (q && q.id === this.latest) this.send(q);
  }
}
