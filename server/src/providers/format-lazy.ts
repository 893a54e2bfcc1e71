// The markdown table formatter, with its East-Asian width table, is a bundle of its own in the language
// server (dist/format.js, ~10 KiB), required the first time a table is formatted or converted; the CLI and
// the tests take it from the sources.

import type * as Format from './format';

/** Set by esbuild.mjs in dist/server.js; undefined elsewhere. */
declare const XXGK_FORMAT_BUNDLE: string | undefined;

let loaded: typeof Format | undefined;
function format(): typeof Format {
  loaded ??= (typeof XXGK_FORMAT_BUNDLE === 'string' ? require(XXGK_FORMAT_BUNDLE) : require('./format')) as typeof Format;
  return loaded;
}

export const alignPipeRows: typeof Format.alignPipeRows = (...a) => format().alignPipeRows(...a);
export const canonicalRows: typeof Format.canonicalRows = (...a) => format().canonicalRows(...a);
export const convertTableEdit: typeof Format.convertTableEdit = (...a) => format().convertTableEdit(...a);
export const displayWidth: typeof Format.displayWidth = (...a) => format().displayWidth(...a);
export const formatPipeTables: typeof Format.formatPipeTables = (...a) => format().formatPipeTables(...a);
export const splitPipeRow: typeof Format.splitPipeRow = (...a) => format().splitPipeRow(...a);
export const tableToMarkdownLines: typeof Format.tableToMarkdownLines = (...a) => format().tableToMarkdownLines(...a);
export const nextYearSkeleton: typeof Format.nextYearSkeleton = (...a) => format().nextYearSkeleton(...a);
