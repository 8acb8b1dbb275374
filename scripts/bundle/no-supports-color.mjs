// chalk detects colour support when it loads (its `#supports-color`), which loads node:tty and with it
// net and stream: ≈ 5 ms of every cold start. charter never uses chalk's detection: terminalStyle
// (packages/cli/src/report/style.ts) decides whether to colour and creates `new Chalk({ level: 1 })`.
// In the bundle chalk gets this instead, so its default instance (unused) has no colour.
export default { stdout: false, stderr: false };
