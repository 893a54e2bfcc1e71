// The rule registry: every rule, in code order. To add a rule: write it in its family's file, add a
// docs page docs/rules/<code>.md, and it is picked up here.

import { arithmeticRules } from './arithmetic';
import { cellRules } from './cells';
import { contentRules } from './content';
import { crossRules } from './cross';
import { metadataRules } from './metadata';
import { narrativeRules } from './narrative';
import { plausibilityRules } from './plausibility';
import type { Rule } from './rule';
import { structureRules } from './structure';

export const RULES: readonly Rule[] = [...structureRules, ...arithmeticRules, ...plausibilityRules, ...cellRules, ...metadataRules, ...narrativeRules, ...contentRules, ...crossRules];

const byName = new Map<string, Rule>();
for (const r of RULES) {
  byName.set(r.code.toUpperCase(), r);
  byName.set(r.alias, r);
}

/** Finds a rule by code (any case) or alias. */
export function findRule(name: string): Rule | undefined {
  return byName.get(name.trim().toUpperCase()) ?? byName.get(name.trim().toLowerCase());
}

export type { Rule, RuleContext, ResolvedOptions } from './rule';
export { docsUrl } from './rule';
