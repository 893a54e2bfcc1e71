// Encoding text as GB18030 (for --fix on a GBK/GB18030 file): iconv-lite, in its own bundle
// (dist/gb18030.js) because its tables are most of a bundle's size and every run would pay for loading
// them; decoding needs none of it (TextDecoder reads GB18030).

import iconv from 'iconv-lite';

export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030', { addBOM: false });
}
