// Public surface of the core. The CLI and the language server import from here only.

export { parseReport } from './parse';
export { checkText, checkModel, checkCross, settingOf, type CheckOptions, type CheckResult } from './check';
export { applyEdits, fixAll, preferredEdits, type FixAllResult } from './fix';
export { parseConfig, type Config, type ConfigProblem, type RuleSetting } from './config';
export { RULES, findRule, docsUrl, type Rule } from './rules';
export { t, formatMessage, resolveLocale, registerCatalogue, hasCatalogue, catalogueOf, type MessageId, type MessageArgs } from './i18n';
export { TEMPLATES, SECTIONS, templateForYear } from './templates';
export { splitLines, containsPosition, normalizeLabel } from './text';
export { parseValue, formatNumber } from './numbers';
export * from './types';
export { narrativeMentions, type Mention, type Reading } from './narrative/extract';
export { agencyOf, containment, crossFindings, digestReport, isPreviousYear, SIMILARITY_THRESHOLD, type CrossFinding, type DigestCell, type ReportDigest } from './cross';
// nextYearSkeleton (./skeleton) is imported from there by the CLI and reaches the server through the lazy
// formatter bundle: the server's first bundle stays small.
export type { Skeleton } from './skeleton';
export { describeReading } from './rules/narrative';
