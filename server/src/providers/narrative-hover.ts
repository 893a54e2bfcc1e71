// Hover on a number of the narrative that restates table cells (XR401): which cell or sum of cells it
// restates, and whether they agree.

import { describeReading, formatNumber, narrativeMentions, t, type CheckResult, type Locale, type Mention, type Position } from '../core';
import { pm } from './messages';
import type { Hover } from './types';

function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

function mentionAt(result: CheckResult, position: Position): Mention | undefined {
  return narrativeMentions(result.model, result.analysis).find(
    (m) => m.range.start.line === position.line && m.range.start.character <= position.character && position.character <= m.range.end.character,
  );
}

export function narrativeHover(result: CheckResult, position: Position, locale: Locale): Hover | null {
  if (!result.model.isReport) return null;
  const m = mentionAt(result, position);
  if (!m) return null;
  const msg = (id: Parameters<typeof t>[1], args?: Parameters<typeof t>[2]) => t(locale, id, args);
  const colon = locale === 'en' ? ': ' : '：';
  const verdict = m.verdict === 'agree' ? `✓ ${pm(locale, 'hover.narrative.agrees')}` : m.verdict === 'disagree' ? `✗ ${pm(locale, 'hover.narrative.differs')}` : pm(locale, 'hover.unknown');
  const lines = [`**${pm(locale, 'hover.narrative.title')}** · XR401`, ''];
  const written = m.kind === 'none' ? m.written : `${m.written}${m.unit}`;
  lines.push(`- ${pm(locale, 'hover.narrative.text')}${colon}「${escapeMd(m.phrase)}」${m.kind === 'none' ? '' : ' ' + escapeMd(written)}`);
  if (m.kind === 'percent' && m.share) {
    const d = m.share.denominator;
    lines.push(`- ${pm(locale, 'hover.narrative.share')}${colon}${formatNumber(m.share.of.number)} ÷ ${d.value ?? '?'}（${escapeMd(describeReading(msg, d))}）= **${m.share.expected.toFixed(m.decimals)}%**`);
  } else {
    for (const r of m.readings) {
      const value = r.value === null ? '?' : String(r.value) + (r.corrected !== null ? ` → ${r.corrected}` : '');
      lines.push(`- ${pm(locale, 'hover.narrative.restates')}${colon}${escapeMd(describeReading(msg, r))} = **${value}**`);
    }
  }
  lines.push('', verdict);
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: m.range };
}
