// Word's automatic numbering (numbering.xml, and paragraph styles that carry numbering): the labels are
// not in the document text, yet `一、总体情况` made by a numbered list is a section heading. Word's own
// plain-text export prints them, so we render them the same way.

export interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  suff: 'tab' | 'space' | 'nothing';
  isLgl: boolean;
}

export interface NumberingDefs {
  abstracts: Map<string, Map<number, Level>>;
  /** An abstract list defined by a numbering style (`w:numStyleLink`): the style's id. */
  styleLinks: Map<string, string>;
  nums: Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>;
  /** Paragraph style id → its numbering (through basedOn) and its own basedOn. */
  styles: Map<string, { numId?: string; ilvl?: number; basedOn?: string }>;
}

export function emptyNumbering(): NumberingDefs {
  return { abstracts: new Map(), styleLinks: new Map(), nums: new Map(), styles: new Map() };
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting). */
export function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]) + unit;
  });
  return out;
}

function letters(n: number, upper: boolean): string {
  // A…Z, then AA, BB … (Word repeats the letter)
  const c = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  for (const [v, r] of table) while (n >= v) (s += r), (n -= v);
  return s;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? '0' + n : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'ideographLegalTraditional':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n).split('').map((d) => DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12] ?? String(n);
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

/** Counts list items as Word does (per abstract list; a level restarts the levels below it). */
export class Numberer {
  private readonly counters = new Map<string, number[]>();
  private readonly usedNums = new Set<string>();

  constructor(private readonly defs: NumberingDefs) {}

  /** Numbering of a paragraph from its own numPr and its style (numId "0" switches numbering off). */
  resolve(style: string | undefined, numId: string | undefined, ilvl: number | undefined): { numId: string; ilvl: number } | null {
    let sNum: string | undefined;
    let sLvl: number | undefined;
    for (let s = style, guard = 0; s !== undefined && guard < 20; guard++) {
      const st = this.defs.styles.get(s);
      if (!st) break;
      if (sNum === undefined && st.numId !== undefined) sNum = st.numId;
      if (sLvl === undefined && st.ilvl !== undefined) sLvl = st.ilvl;
      s = st.basedOn;
    }
    const id = numId ?? sNum;
    if (id === undefined || id === '0') return null;
    return { numId: id, ilvl: ilvl ?? sLvl ?? 0 };
  }

  /** The abstract list that holds the levels: through a numbering style's link when it has none itself. */
  private abstractOf(numId: string): string | undefined {
    let id = this.defs.nums.get(numId)?.abstractId;
    for (let guard = 0; id !== undefined && guard < 5; guard++) {
      const link = this.defs.styleLinks.get(id);
      if (link === undefined || (this.defs.abstracts.get(id)?.size ?? 0) > 0) break;
      const viaNum = this.defs.styles.get(link)?.numId;
      const next = viaNum === undefined ? undefined : this.defs.nums.get(viaNum)?.abstractId;
      if (next === undefined || next === id) break;
      id = next;
    }
    return id;
  }

  private level(numId: string, ilvl: number): Level | undefined {
    const num = this.defs.nums.get(numId);
    if (!num) return undefined;
    const abs = this.abstractOf(numId);
    return num.overrides.get(ilvl)?.level ?? (abs === undefined ? undefined : this.defs.abstracts.get(abs)?.get(ilvl));
  }

  /** The label of the next item (e.g. `一、`, `（二）`, `1.`), with its separator; '' for bullets. */
  next(numId: string, ilvl: number): string {
    const num = this.defs.nums.get(numId);
    const lvl = this.level(numId, ilvl);
    const abs = this.abstractOf(numId);
    if (!num || !lvl || abs === undefined) return '';
    let c = this.counters.get(abs);
    if (!c) this.counters.set(abs, (c = []));
    if (!this.usedNums.has(numId)) {
      this.usedNums.add(numId);
      // A list instance with a start override starts over.
      for (const [l, o] of num.overrides) if (o.start !== undefined) c[l] = o.start - 1;
    }
    c[ilvl] = c[ilvl] === undefined ? lvl.start : c[ilvl] + 1;
    for (let l = ilvl + 1; l < 9; l++) c[l] = undefined as unknown as number;
    if (lvl.numFmt === 'bullet') return '';
    const label = lvl.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const def = this.level(numId, l);
      const v = c![l] ?? def?.start ?? 1;
      return formatNumber(v, lvl.isLgl ? 'decimal' : def?.numFmt ?? 'decimal');
    });
    if (label === '') return '';
    if (lvl.suff === 'nothing' || /[、.．)）:：]$/.test(label)) return label;
    return label + ' ';
  }
}
