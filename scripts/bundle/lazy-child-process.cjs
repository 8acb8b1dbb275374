// commander requires node:child_process when it loads, for executable subcommands (`git-style`
// programs), which charter does not have; loading it pulls in net and stream, ≈ 5–10 ms of every cold
// start. In the bundle, commander gets this instead: child_process is loaded on first use, if ever.
let real;
module.exports = new Proxy({}, {
  get(_target, key) {
    real ??= require("node:child_process");
    return real[key];
  },
});
