import { Chalk } from "chalk";
import { plainStyle, type Style } from "@charter/lang";

/** Colour only on a TTY and never with NO_COLOR (chalk's own detection also honours FORCE_COLOR). */
export function terminalStyle(stream: NodeJS.WriteStream): Style {
  const noColor = process.env["NO_COLOR"] !== undefined && process.env["NO_COLOR"] !== "";
  if (noColor || !stream.isTTY) return plainStyle;
  const c = new Chalk({ level: 1 });
  return { error: c.red.bold, warning: c.yellow.bold, info: c.cyan, note: c.blue, dim: c.dim, bold: c.bold };
}
