// What a rule is (markdownlint-style: code + alias + docs page + pure function; its description, in both
// languages, is in descriptions.ts, out of the language server's bundle) and the context every rule gets:
// the one parsed model, the one identity analysis, the options and messages.

import type { ReportDigest } from '../cross';
import type { Analysis } from '../identities';
import type { MessageArgs, MessageId } from '../i18n';
import type { Diagnostic, Fix, Locale, Range, ReportModel, Severity, TableId, TextEdit } from '../types';

export interface ResolvedOptions {
  locale: Locale;
  blankAsZero: boolean;
  /** 2021 本年收费金额 above this many 万元 is suspicious (XR109). */
  feeThresholdWanYuan: number;
  /** Reports are due by this month and day of the following year (条例第四十九条: 1月31日). */
  deadline: { month: number; day: number };
}

export type Report = Omit<Diagnostic, 'code' | 'rule' | 'severity' | 'fixes'> & { fixes?: Fix[]; severity?: Severity };

export interface RuleContext {
  model: ReportModel;
  analysis: Analysis;
  options: ResolvedOptions;
  /** Last year's report of the same agency, when the caller found one (XR501–XR503). */
  previous?: ReportDigest;
  msg(id: MessageId, args?: MessageArgs): string;
  report(d: Report): void;
}

export interface Rule {
  code: string;
  alias: string;
  severity: Severity;
  /** 'sections': needs only the section headings, so it also runs in a section-level check. */
  level?: 'sections';
  /** Compares with last year's report (XR501–XR503): runs only when the check is given one. */
  crossYear?: true;
  check(ctx: RuleContext): void;
}

export function docsUrl(code: string): string {
  return `https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/${code}.md`;
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function fix(title: string, edits: TextEdit[], preferred = false): Fix {
  return { title, edits, preferred };
}

/** 表三「（一）予以公开」行「自然人」列 */
export function where(ctx: RuleContext, table: TableId, row: string, column?: string | null): string {
  if (column && !row) return ctx.msg('where.column', { table, column });
  return column ? ctx.msg('where.cell', { table, row, column }) : ctx.msg('where.row', { table, row: row || '—' });
}
