// What the readers produce: the report's blocks in document order — paragraphs, and tables as grids of
// anchored cells with their spans — plus notices about what was dropped or inlined. Plain data, shared by
// the .docx and .html readers and by the renderer.

/** Where a piece of the source document's text sits, for fixes written back into the .docx. */
export interface TextSegment {
  /** Offsets of the element content in the XML string (between `<w:t…>` and `</w:t>`). */
  start: number;
  end: number;
  /** The decoded text of that content. */
  text: string;
}

export interface Paragraph {
  kind: 'paragraph';
  /** 0-based index among the document's paragraphs (body paragraphs, not those inside tables). */
  index: number;
  text: string;
}

export interface Cell {
  /** Top-left grid position and spans (0-based). */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Paragraphs of the cell, in order (joined for rendering). */
  paragraphs: string[];
  /** .docx only: the text runs the cell's text came from (in text order) and where a new run may go. */
  segments?: TextSegment[];
  /** .docx only: offset in the XML just before the end of the cell's first paragraph (`</w:p>`). */
  insertAt?: number;
  /** .docx only: the cell's first paragraph when it is an empty element (`<w:p/>`): its offsets. */
  emptyParagraph?: { start: number; end: number };
}

export interface Grid {
  kind: 'table';
  /** 0-based index among the document's top-level tables. */
  index: number;
  rows: number;
  cols: number;
  /** Anchored cells: one per merged area. */
  cells: Cell[];
  /** rows × cols: the index into `cells` of the cell covering each position, or -1 for none. */
  at: Int32Array;
}

export type Block = Paragraph | Grid;

export type SourceKind = 'docx' | 'html';

export type NoticeId =
  | 'nestedTable'
  | 'textBox'
  | 'orphanMerge'
  | 'trackedChanges'
  | 'deletedRows'
  | 'hiddenText'
  | 'placeholderText'
  | 'noTitle'
  | 'titleFromPage'
  | 'charsetGuessed'
  | 'charsetOverridden';

export interface Notice {
  id: NoticeId;
  /** Values for the message (counts, table numbers). */
  args: Record<string, string | number>;
}

export interface ReadDocument {
  kind: SourceKind;
  blocks: Block[];
  notices: Notice[];
  /** .docx only: the main part's name and text (for --fix). */
  mainPart?: string;
  xml?: string;
  /** .html only: the character set the page was decoded with. */
  charset?: string;
}
