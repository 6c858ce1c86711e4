/** Section letters of the contact list, in order; `#` holds names that start with anything else. */
export const INDEX_LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '#'] as const;

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/**
 * The first character (in zh-CN pinyin collation order) of each initial. Pinyin has no syllables starting with
 * I, U or V. A Han character's initial is the last boundary that sorts at or before it.
 */
const PINYIN_BOUNDARIES: [string, string][] = [...'阿八嚓哒妸发旮哈讥咔垃呣拏噢妑七呥仨他屲夕丫帀'].map((ch, i) => [
  ch,
  'ABCDEFGHJKLMNOPQRSTWXYZ'[i] ?? '#',
]);

/** Browsers without Chinese collation data sort Han by code point; then the table means nothing. */
const pinyinSupported = PINYIN_BOUNDARIES.every(
  ([ch], i) => i === 0 || collator.compare(PINYIN_BOUNDARIES[i - 1]![0], ch) < 0,
);

const HAN = /\p{Script=Han}/u;

/** The section a name is listed under: its Latin initial, its pinyin initial for Chinese, otherwise `#`. */
export function sectionOf(name: string): string {
  const first = Array.from(name.trim())[0] ?? '';
  const latin = first.normalize('NFD')[0]?.toUpperCase() ?? '';
  if (latin >= 'A' && latin <= 'Z') return latin;
  if (!HAN.test(first) || !pinyinSupported) return '#';
  let letter = '#';
  for (const [boundary, initial] of PINYIN_BOUNDARIES) {
    if (collator.compare(boundary, first) > 0) break;
    letter = initial;
  }
  return letter;
}

export interface Section<T> {
  letter: string;
  items: T[];
}

/** Groups items by the section of their name, sections in index order, items sorted by name within each. */
export function groupByInitial<T>(items: readonly T[], nameOf: (item: T) => string): Section<T>[] {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const letter = sectionOf(nameOf(item));
    const bucket = buckets.get(letter) ?? [];
    bucket.push(item);
    buckets.set(letter, bucket);
  }
  return INDEX_LETTERS.flatMap((letter) => {
    const bucket = buckets.get(letter);
    if (!bucket) return [];
    return [{ letter, items: bucket.sort((a, b) => collator.compare(nameOf(a), nameOf(b))) }];
  });
}
