// Standard output and error for the commands, without Node's stream objects where they are not needed.
// The first use of process.stdout builds a stream (and loads the stream modules; for a pipe, `net`),
// and telling a terminal apart loads `tty` (and `net` again): together ≈ 7 ms of each cold start, for
// output that is written once at the end. So output goes out with fs.writeSync, and `tty` is loaded
// only for a character device that is not /dev/null — a terminal, in practice. Once a write meets a
// descriptor that would block (a non-blocking pipe left by the parent), that descriptor's output goes
// through the stream from then on, which waits for the reader, so the order is kept.
import { fstatSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";

export type Fd = 1 | 2;

const streamed = new Set<Fd>();
/** Set when the reader of a descriptor went away (`charter … | head`): its output is dropped, quietly. */
const closed = new Set<Fd>();

function isNull(st: { dev: number; ino: number }): boolean {
  try {
    const n = statSync("/dev/null");
    return n.dev === st.dev && n.ino === st.ino;
  } catch {
    return false;
  }
}

/** Node's stream for `fd`: built on first use, which write() puts off until it is needed. */
function stream(fd: Fd): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

/** Whether `fd` is a terminal (a TTY). */
export function isTerminal(fd: Fd): boolean {
  let st;
  try {
    st = fstatSync(fd);
  } catch {
    return false;
  }
  // Files, pipes and sockets are no terminal; neither is /dev/null, a character device like one.
  if (!st.isCharacterDevice() || isNull(st)) return false;
  const tty = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
  return tty.isatty(fd);
}

/** Write all of `text` to `fd` (1: standard output, 2: standard error). */
export function write(fd: Fd, text: string): void {
  if (text === "" || closed.has(fd)) return;
  if (streamed.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        streamed.add(fd);
        stream(fd).write(buf.subarray(off));
        return;
      }
      if (code === "EPIPE") {
        closed.add(fd);
        return;
      }
      throw e;
    }
  }
}
