// The server's side of the lint worker: one request in flight, the newest one queued, stale answers
// dropped; a run that is already outdated and slow is cut short by restarting the worker.
import { Worker } from "node:worker_threads";
import type { CharterFile } from "@charter/lang";
import type { Finding, Level } from "@charter/engine";
import type { LintReply, LintRequest } from "./lint-worker.js";

/** Restart rather than wait when an outdated run has taken this long already. */
const RESTART_AFTER_MS = 500;

interface Pending {
  id: number;
  files: readonly CharterFile[];
  levels: Record<string, Level>;
  done: (findings: Finding[]) => void;
}

export class LintRunner {
  private worker?: Worker;
  /** What the worker holds, by path: the AST objects last sent. */
  private sent = new Map<string, CharterFile>();
  private running?: { id: number; started: number; done: Pending["done"] };
  private queued?: Pending;
  private nextId = 1;
  private latest = 0;

  constructor(private readonly log: (message: string) => void) {}

  /** Lint `files`; `done` is called only if no newer request came in meanwhile. */
  request(files: readonly CharterFile[], levels: Record<string, Level>, done: Pending["done"]): void {
    const p: Pending = { id: this.nextId++, files, levels, done };
    this.latest = p.id;
    if (!this.running) return this.send(p);
    if (Date.now() - this.running.started > RESTART_AFTER_MS) {
      this.stop();
      return this.send(p);
    }
    this.queued = p;
  }

  /** Forget any run in flight: the set went unclean, or the server stops. */
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
    const w = new Worker(new URL("./lint-worker.js", import.meta.url));
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
    const upserts = p.files.filter((f) => this.sent.get(f.file) !== f);
    const keep = new Set(p.files.map((f) => f.file));
    const removes = [...this.sent.keys()].filter((k) => !keep.has(k));
    for (const r of removes) this.sent.delete(r);
    for (const f of upserts) this.sent.set(f.file, f);
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
