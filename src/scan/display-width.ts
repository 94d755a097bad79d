/**
 * Code points a terminal draws two columns wide: the blocks of Unicode's East Asian Width
 * classes W and F (UAX #11) that occur in file and folder names (CJK, kana, Hangul, fullwidth
 * forms, emoji). A condensed table, not the whole classification: enough to keep the columns of
 * `scan` straight beside a path such as `apps/日本/values.yaml`.
 */
const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Combining marks and format characters take no column: `u` + U+0308 draws one `ü`. */
const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

function columnsOf(character: string): number {
  if (zeroWidth.test(character)) return 0;
  const code = character.codePointAt(0) ?? 0;
  return wideRanges.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
}

/** Text every character of which takes one column: most paths and versions. */
const printableAscii = /^[\x20-\x7e]*$/;

/** How many terminal columns the text takes (String#length counts UTF-16 code units). */
export function displayWidth(text: string): number {
  if (printableAscii.test(text)) return text.length;
  let width = 0;
  for (const character of text) width += columnsOf(character);
  return width;
}
