import { Chalk } from "chalk";
import { plainStyle, type Style } from "@charter/lang";
import { isTerminal, type Fd } from "../terminal.js";

/**
 * Colour only on a terminal and never with NO_COLOR. charter decides this itself and gives chalk the
 * level; chalk's own detection (which loads `tty` when chalk loads) is left out of the bundle (see
 * scripts/bundle/no-supports-color.mjs).
 */
export function terminalStyle(fd: Fd): Style {
  const noColor = process.env["NO_COLOR"] !== undefined && process.env["NO_COLOR"] !== "";
  if (noColor || !isTerminal(fd)) return plainStyle;
  const c = new Chalk({ level: 1 });
  return { error: c.red.bold, warning: c.yellow.bold, info: c.cyan, note: c.blue, dim: c.dim, bold: c.bold };
}
