// Source of charter.tmLanguage.json: the regexes are composed here from named pieces, because the
// JSON repeats the keyword list in many rules. Edit this file, then from editors/vscode run
//   node syntaxes/charter.tmLanguage.mjs
// test/textmate checks that the JSON is up to date and that KEYWORDS below is the language's list
// (packages/lang/src/syntax/keywords.ts).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The reserved words (language.md §2), as in the `keyword` rule of charter.ohm. */
export const KEYWORDS = [
  "constitution", "competence", "escalation", "precedence", "approvers", "effective", "guardrail",
  "contains", "delegate", "escalate", "prohibit", "approve", "because", "charter", "domains", "example",
  "require", "verdict", "covers", "deploy", "exempt", "expect", "govern", "layers", "notify", "number",
  "count", "facts", "false", "joint", "layer", "until", "body", "bool", "enum", "none", "over", "true",
  "when", "with", "and", "int", "not", "set", "at", "by", "in", "of", "on", "or", "to",
];
const KW = KEYWORDS;
/** Word boundaries: identifiers are [a-z_][a-z0-9_]* (capitals too, to stay out of invalid text). */
const B = String.raw`(?<![A-Za-z0-9_])`;
const E = String.raw`(?![A-Za-z0-9_])`;
const kw = (words) => `${B}(?:${words.join("|")})${E}`;
/** A name: an identifier that is not a keyword. */
/** A rule matching `{ … }` with `patterns` inside. */
const braces = (patterns) => ({
  begin: String.raw`\{`,
  beginCaptures: { 0: { name: "punctuation.section.braces.begin.charter" } },
  end: String.raw`\}`,
  endCaptures: { 0: { name: "punctuation.section.braces.end.charter" } },
  patterns,
});
/** Where a keyword's braced body ends: after its braces, or at anything else (an incomplete declaration). */
const AFTER_BRACES = String.raw`(?<=\})|(?=[^\s{/])`;

const NAME = String.raw`(?!(?:${KW.join("|")})${E})[a-z_][a-z0-9_]*${E}`;

export const grammar = {
  $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  name: "Charter",
  scopeName: "source.charter",
  fileTypes: ["charter"],
  patterns: [{ include: "#items" }],
  repository: {
    items: {
      comment: "Top level. Context rules come first: at one position the first listed rule wins.",
      patterns: [
        { include: "#comments" },
        { include: "#strings" },
        { include: "#facts-block" },
        { include: "#domains-block" },
        { include: "#enum-declaration" },
        { include: "#body-declaration" },
        { include: "#charter-author" },
        { include: "#verdict" },
        { include: "#pattern-list" },
        { include: "#expression" },
      ],
    },
    expression: {
      comment: "Tokens valid anywhere: literals, keywords, operators, punctuation.",
      patterns: [
        { include: "#comments" },
        { include: "#strings" },
        { include: "#count-call" },
        { include: "#requirement-count" },
        { include: "#binding" },
        { include: "#dates" },
        { include: "#numbers" },
        { include: "#booleans" },
        { include: "#keywords" },
        { include: "#operators" },
        { include: "#punctuation" },
      ],
    },
    comments: {
      patterns: [
        {
          name: "comment.block.charter",
          begin: String.raw`/\*`,
          end: String.raw`\*/`,
          captures: { 0: { name: "punctuation.definition.comment.charter" } },
        },
        {
          name: "comment.line.double-slash.charter",
          match: String.raw`(//).*$`,
          captures: { 1: { name: "punctuation.definition.comment.charter" } },
        },
      ],
    },
    strings: {
      comment: "Strings are single-line (language.md §2); an unterminated one ends at the end of its line.",
      name: "string.quoted.double.charter",
      begin: '"',
      beginCaptures: { 0: { name: "punctuation.definition.string.begin.charter" } },
      end: String.raw`(")|$`,
      endCaptures: { 1: { name: "punctuation.definition.string.end.charter" } },
      patterns: [
        { name: "constant.character.escape.charter", match: String.raw`\\["\\n]` },
        { name: "invalid.illegal.escape.charter", match: String.raw`\\.?` },
      ],
    },
    dates: {
      comment: "Listed before numbers so 2026-08-02 is one date, not 2026 and -08 and -02.",
      name: "constant.numeric.date.charter",
      match: String.raw`${B}\d{4}-\d{2}-\d{2}${E}`,
    },
    numbers: {
      name: "constant.numeric.charter",
      match: String.raw`${B}-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?${E}`,
    },
    booleans: {
      name: "constant.language.boolean.charter",
      match: kw(["true", "false"]),
    },
    "requirement-count": {
      comment: "guardrail … require 2 layers / 3 approvers: here `layers` is not the declaration.",
      match: String.raw`${B}(-?\d+)\s+(layers|approvers)${E}`,
      captures: { 1: { name: "constant.numeric.charter" }, 2: { name: "keyword.other.charter" } },
    },
    "count-call": {
      match: String.raw`${B}(count)\s*(\()\s*(?:(${NAME})\s*)?(\))?`,
      captures: {
        1: { name: "support.function.charter" },
        2: { name: "punctuation.section.parens.begin.charter" },
        3: { name: "variable.other.fact.charter" },
        4: { name: "punctuation.section.parens.end.charter" },
      },
    },
    binding: {
      comment: "deploy … with FACT = VALUE",
      match: String.raw`${B}(${NAME})\s*(=)(?!=)`,
      captures: { 1: { name: "variable.other.fact.charter" }, 2: { name: "keyword.operator.assignment.charter" } },
    },
    keywords: {
      patterns: [
        { name: "keyword.declaration.charter", match: kw(["constitution", "charter", "layers", "enum", "facts", "domains", "body", "example"]) },
        { name: "keyword.control.clause.charter", match: kw(["delegate", "govern", "escalate", "prohibit", "exempt", "joint", "precedence", "guardrail"]) },
        { name: "keyword.operator.logical.charter", match: kw(["and", "or", "not", "in", "contains"]) },
        { name: "storage.type.charter", match: kw(["bool", "number", "int", "set", "of"]) },
        { name: "support.function.charter", match: kw(["count"]) },
        { name: "constant.language.boolean.charter", match: kw(["true", "false"]) },
        {
          name: "keyword.other.charter",
          match: kw(["by", "layer", "covers", "competence", "when", "to", "approve", "notify", "effective", "until", "because", "on", "over", "require", "approvers", "deploy", "with", "at", "expect", "verdict", "escalation", "none"]),
        },
      ],
    },
    operators: {
      patterns: [
        { name: "keyword.operator.comparison.charter", match: String.raw`==|!=|<=|>=|<|>` },
        { name: "keyword.operator.range.charter", match: String.raw`\.\.` },
        { name: "keyword.operator.assignment.charter", match: "=" },
        { name: "keyword.operator.wildcard.charter", match: String.raw`\*` },
      ],
    },
    punctuation: {
      patterns: [
        { name: "punctuation.section.braces.begin.charter", match: String.raw`\{` },
        { name: "punctuation.section.braces.end.charter", match: String.raw`\}` },
        { name: "punctuation.section.parens.begin.charter", match: String.raw`\(` },
        { name: "punctuation.section.parens.end.charter", match: String.raw`\)` },
        { name: "punctuation.separator.comma.charter", match: "," },
        { name: "punctuation.separator.type.charter", match: ":" },
        { name: "punctuation.accessor.charter", match: String.raw`\.` },
      ],
    },
    "body-declaration": {
      match: String.raw`${B}(body)\s+(${NAME})`,
      captures: { 1: { name: "keyword.declaration.charter" }, 2: { name: "entity.name.function.body.charter" } },
    },
    "charter-author": {
      comment: "charter \"…\" by BODY",
      match: String.raw`${B}(by)\s+(${NAME})`,
      captures: { 1: { name: "keyword.other.charter" }, 2: { name: "entity.name.function.body.charter" } },
    },
    "enum-declaration": {
      comment: "enum NAME { a, b }. Ends after its braces, or at anything else (an incomplete declaration).",
      begin: String.raw`${B}(enum)${E}(?:\s+(${NAME}))?`,
      beginCaptures: { 1: { name: "keyword.declaration.charter" }, 2: { name: "entity.name.type.enum.charter" } },
      end: AFTER_BRACES,
      patterns: [{ include: "#comments" }, { include: "#enum-members" }],
    },
    "inline-enum": {
      comment: "purpose: enum { a, b } inside facts: a type.",
      begin: String.raw`${B}(enum)${E}`,
      beginCaptures: { 1: { name: "storage.type.charter" } },
      end: AFTER_BRACES,
      patterns: [{ include: "#comments" }, { include: "#enum-members" }],
    },
    "enum-members": braces([
      { include: "#comments" },
      { name: "variable.other.enummember.charter", match: NAME },
      { include: "#expression" },
    ]),
    "facts-block": {
      begin: String.raw`${B}(facts)${E}`,
      beginCaptures: { 1: { name: "keyword.declaration.charter" } },
      end: AFTER_BRACES,
      patterns: [{ include: "#comments" }, { include: "#facts-body" }],
    },
    "facts-body": braces([
      { include: "#comments" },
      {
        comment: "NAME: TYPE (a named type is an enum)",
        match: String.raw`${B}(${NAME})\s*(:)(?:\s*(${NAME}))?`,
        captures: {
          1: { name: "variable.other.fact.charter" },
          2: { name: "punctuation.separator.type.charter" },
          3: { name: "entity.name.type.charter" },
        },
      },
      {
        comment: "set of ENUM",
        match: String.raw`${B}(of)\s+(${NAME})`,
        captures: { 1: { name: "storage.type.charter" }, 2: { name: "entity.name.type.charter" } },
      },
      { include: "#inline-enum" },
      { include: "#expression" },
    ]),
    "domains-block": {
      begin: String.raw`${B}(domains)${E}`,
      beginCaptures: { 1: { name: "keyword.declaration.charter" } },
      end: AFTER_BRACES,
      patterns: [{ include: "#comments" }, { include: "#domain-tree" }],
    },
    "domain-tree": braces([
      { include: "#comments" },
      { include: "#domain-tree" },
      { name: "entity.name.namespace.charter", match: NAME },
      { include: "#expression" },
    ]),
    "pattern-list": {
      comment: "Domain patterns after a clause keyword, `on`, `competence` or `deploy`: paths, `.*`, `*`, commas. Ends at the next keyword or anything that cannot be in a pattern.",
      begin: String.raw`${B}(?:(delegate|govern|escalate|prohibit|exempt)|(competence|on|deploy))${E}`,
      beginCaptures: { 1: { name: "keyword.control.clause.charter" }, 2: { name: "keyword.other.charter" } },
      end: String.raw`(?=[^\sa-z0-9_.,*/])|(?=${kw(KW)})`,
      patterns: [
        { include: "#comments" },
        { name: "entity.name.namespace.charter", match: NAME },
        { name: "keyword.operator.wildcard.charter", match: String.raw`\*` },
        { name: "punctuation.accessor.charter", match: String.raw`\.` },
        { name: "punctuation.separator.comma.charter", match: "," },
      ],
    },
    verdict: {
      comment: "expect verdict V: `exempt` here is a verdict, not the clause. The context ends at its one word (comments may come between); a word that is no verdict and no keyword is invalid.",
      begin: String.raw`${B}(verdict)${E}`,
      beginCaptures: { 1: { name: "keyword.other.charter" } },
      end: String.raw`(?<![A-Za-z0-9_-])(?:(prohibited|exempt|approval-required|notice-only|ungoverned)|((?!(?:${KW.join("|")})(?![A-Za-z0-9_-]))[A-Za-z0-9_-]+))(?![A-Za-z0-9_-])|(?=[^\s/])|(?=/[^/*])`,
      endCaptures: { 1: { name: "constant.language.verdict.charter" }, 2: { name: "invalid.illegal.verdict.charter" } },
      patterns: [{ include: "#comments" }],
    },
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL("./charter.tmLanguage.json", import.meta.url), JSON.stringify(grammar, null, 2) + "\n");
}
