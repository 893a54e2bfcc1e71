// The readers of .docx and web pages are their own bundle (dist/import.js, ~150 KiB with their parsers):
// the CLI and the editor command load it on first use, so checking text files, the language server and
// the extension's start-up never pay for it. From the sources (tests, tsx) the module itself is loaded.

import type * as Import from './import';

export type Importer = typeof Import;

/** Set by esbuild.mjs in the bundles (dist/cli.js, dist/client.js); undefined when run from the sources. */
declare const XXGK_IMPORT_BUNDLE: string | undefined;

let loaded: Importer | undefined;

export function importer(): Importer {
  if (!loaded) {
    loaded = (typeof XXGK_IMPORT_BUNDLE === 'string' ? require(XXGK_IMPORT_BUNDLE) : require('./import')) as Importer;
  }
  return loaded;
}

/** Names that go to the readers when named directly; anything else is read as text. */
export const IMPORT_NAME = /\.(docx|docm|dotx|doc|wps|wpt|html?|xhtml|shtml|mht|mhtml|pdf|rtf)$/i;
/** Names a folder search hands to the readers besides .txt/.md (then kept only when they look like reports). */
export const FOLDER_IMPORT_NAME = /\.(docx|html?)$/i;

/** Bytes that are a ZIP package, an OLE container or a PDF, whatever the name says. */
export function looksBinaryDocument(b: Uint8Array): boolean {
  const sig = (s: number[]) => s.every((x, i) => b[i] === x);
  return sig([0x50, 0x4b, 0x03, 0x04]) || sig([0xd0, 0xcf, 0x11, 0xe0]) || sig([0x25, 0x50, 0x44, 0x46, 0x2d]);
}
