/** The reserved words the grammar highlights (checked against packages/lang by test/textmate). */
export declare const KEYWORDS: readonly string[];
/** The TextMate grammar written to charter.tmLanguage.json. */
export declare const grammar: { scopeName: string; [key: string]: unknown };
