/**
 * Strict UTF-8: a settings file or a line of CLI input that is not valid
 * UTF-8 is refused with where it breaks, never read with U+FFFD put in
 * place of what it said (TextDecoder's default).
 */

/** Offset of the first byte of the first ill-formed sequence (WHATWG's UTF-8 decoder), or -1 when all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0; // overlong
      if (b === 0xed) upper = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90; // overlong
      if (b === 0xf4) upper = 0x8f; // beyond U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number };

/**
 * Decodes UTF-8, or says at which byte it is not UTF-8. A leading byte-order
 * mark is dropped, unless `keepBom` (a line after the first, where it is a
 * character of the text).
 */
export function decodeUtf8(bytes: Uint8Array, { keepBom = false } = {}): Utf8Result {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes) };
  } catch {
    return { ok: false, offset: Math.max(0, firstInvalidUtf8(bytes)) };
  }
}
