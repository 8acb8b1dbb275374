/** Named exit codes (as Cedar's CedarExitCode): 0 clean, 1 error-level findings, 2 usage or input errors. */
export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
