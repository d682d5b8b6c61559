const DECLARATION = /^(\uFEFF?\s*<\?xml\b[^?]*?\bencoding\s*=\s*)(["'])([^"']*)\2/;
const DECLARED_ENCODING = /^\uFEFF?\s*<\?xml\b[^?]*?\bencoding\s*=\s*["']([^"']*)["']/;

/** The XML with its declaration saying UTF-8: for text that is already decoded (and is stored as UTF-8). */
export function asUtf8Declaration(xml: string): string {
  return xml.replace(DECLARATION, (_whole, start: string, quote: string) => `${start}${quote}UTF-8${quote}`);
}

/**
 * Decodes diagram bytes: the charset of the Content-Type wins, then the XML declaration's encoding (ISO-8859-1,
 * GBK, …), then UTF-8. Foreign modelers write Latin-1 files; the stored text declares UTF-8, which it then is.
 */
export function decodeDiagram(bytes: Uint8Array, charset?: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = DECLARED_ENCODING.exec(head)?.[1];
  const encoding = (charset ?? declared ?? 'utf-8').trim().toLowerCase();
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new UnsupportedEncodingError(encoding);
  }
  try {
    return asUtf8Declaration(decoder.decode(bytes));
  } catch {
    throw new UnsupportedEncodingError(encoding, true);
  }
}

export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string, readonly invalidBytes = false) {
    super(invalidBytes ? `the diagram is not valid ${encoding} text` : `the encoding "${encoding}" is not supported`);
    this.name = 'UnsupportedEncodingError';
  }
}
