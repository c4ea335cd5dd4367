import { RE2JS } from 're2js';
import type { FieldProblem } from '../errors';
import type { FindingSink } from './types';

/**
 * Tenant-managed anonymisation patterns (Inbenta: "applied at every level"). They run on RE2
 * (re2js), whose matching time is linear in the text whatever the pattern, so a pattern such as
 * `(a+)+$` cannot backtrack catastrophically. A pattern is refused when saved if it:
 *  - is not RE2 syntax (no backreferences or lookaround);
 *  - can match the empty string (it would match between every two characters);
 *  - is too big a program (RE2 program size above 2500: slow on every message);
 *  - matches most of an ordinary sentence (`\w+`, `.+`): it would redact everything.
 */
export interface TenantPattern {
  name: string;
  pattern: string;
  caseInsensitive?: boolean;
}

export interface CompiledTenantPattern {
  name: string;
  caseInsensitive: boolean;
  re: RE2JS;
}

const MAX_PROGRAM_SIZE = 2500;
const EMPTY_PROBES = ['', 'a', 'A1 b-2', ' x ', '0'];
const ORDINARY_TEXT =
  'Hello, thank you for your help today. Bonjour, merci beaucoup pour votre aide. Hej, tack så mycket för hjälpen!';

/** Problems of each pattern, by index; [] when all can be used. */
export function tenantPatternProblems(patterns: readonly TenantPattern[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  patterns.forEach((p, index) => {
    const message = problemOf(p);
    if (message) problems.push({ index, message });
  });
  return problems;
}

/** For the policy save path: field problems at `redaction.patterns.<i>.pattern`. */
export function validateTenantPatterns(patterns: readonly TenantPattern[]): FieldProblem[] {
  return tenantPatternProblems(patterns).map(({ index, message }) => ({
    path: `redaction.patterns.${index}.pattern`,
    message,
  }));
}

function problemOf(p: TenantPattern): string | undefined {
  let re: RE2JS;
  try {
    re = compile(p);
  } catch (error) {
    return `is not valid RE2 syntax: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (re.programSize() > MAX_PROGRAM_SIZE)
    return `is too complex (RE2 program size ${re.programSize()}, at most ${MAX_PROGRAM_SIZE})`;
  if (EMPTY_PROBES.some((probe) => matchesEmpty(re, probe)))
    return 'can match the empty string, so it would match everywhere';
  if (coveredLength(re, ORDINARY_TEXT) * 2 > ORDINARY_TEXT.length)
    return 'matches most of an ordinary sentence, so it would redact ordinary text';
  return undefined;
}

const compile = (p: TenantPattern) => RE2JS.compile(p.pattern, p.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);

function matchesEmpty(re: RE2JS, probe: string): boolean {
  const m = re.matcher(probe);
  while (m.find()) if (m.start() === m.end()) return true;
  return false;
}

function coveredLength(re: RE2JS, text: string): number {
  let covered = 0;
  const m = re.matcher(text);
  while (m.find()) covered += m.end() - m.start();
  return covered;
}

/** Compiles patterns already validated (RedactionSettingsSchema runs tenantPatternProblems). */
export function compileTenantPatterns(patterns: readonly TenantPattern[]): CompiledTenantPattern[] {
  return patterns.map((p) => ({ name: p.name, caseInsensitive: p.caseInsensitive ?? false, re: compile(p) }));
}

export function scanTenantPatterns(text: string, patterns: readonly CompiledTenantPattern[], out: FindingSink): void {
  for (const p of patterns) {
    // test() runs RE2's DFA without captures: the cheap answer for the many texts with no match.
    if (!p.re.test(text)) continue;
    const m = p.re.matcher(text);
    while (m.find()) if (m.end() > m.start()) out.push({ type: p.name, start: m.start(), end: m.end() });
  }
}
