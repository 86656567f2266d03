/** WCAG 2.2 contrast for the bar: which text colour to draw on the partner's `navBackground`. */

export const LIGHT_TEXT = '#FFFFFF';
export const DARK_TEXT = '#1F2329';
/** WCAG 2.2 success criterion 1.4.3 (AA) for normal-size text. */
export const AA_MIN_RATIO = 4.5;

export interface TextColorChoice {
  /** The text colour with the higher contrast against the background. */
  color: typeof LIGHT_TEXT | typeof DARK_TEXT;
  /** Its contrast ratio, rounded down to two decimals so that "4.5" never hides 4.499. */
  ratio: number;
  /** Whether that ratio reaches {@link AA_MIN_RATIO}. */
  meetsAA: boolean;
  lightRatio: number;
  darkRatio: number;
}

export function isHexColor(value: string): boolean {
  return /^#[0-9A-Fa-f]{6}$/.test(value);
}

/** Relative luminance of a `#RRGGBB` colour as WCAG defines it. */
export function relativeLuminance(hex: string): number {
  if (!isHexColor(hex)) throw new RangeError(`Not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((start) => linearize(parseInt(hex.slice(start, start + 2), 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function linearize(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}

export function pickTextColor(background: string): TextColorChoice {
  const lightRatio = floor2(contrastRatio(background, LIGHT_TEXT));
  const darkRatio = floor2(contrastRatio(background, DARK_TEXT));
  const useLight = lightRatio >= darkRatio;
  const ratio = useLight ? lightRatio : darkRatio;
  return { color: useLight ? LIGHT_TEXT : DARK_TEXT, ratio, meetsAA: ratio >= AA_MIN_RATIO, lightRatio, darkRatio };
}

function floor2(value: number): number {
  return Math.floor(value * 100) / 100;
}
