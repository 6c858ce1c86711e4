import { useRef, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INDEX_LETTERS } from './contact-index';

interface AlphaIndexProps {
  /** Letters that have a section, in order. */
  present: readonly string[];
  sectionId: (letter: string) => string;
}

/**
 * The A–Z strip on the right edge: tap a letter, or slide a finger along it, to jump to that section (or the
 * next one that exists).
 */
export function AlphaIndex({ present, sectionId }: AlphaIndexProps) {
  const { t } = useTranslation();
  const last = useRef<string | null>(null);

  function jump(letter: string): void {
    if (letter === last.current) return;
    last.current = letter;
    const from = INDEX_LETTERS.indexOf(letter as (typeof INDEX_LETTERS)[number]);
    const target = INDEX_LETTERS.slice(from).find((l) => present.includes(l)) ?? present[present.length - 1] ?? null;
    if (target) document.getElementById(sectionId(target))?.scrollIntoView({ block: 'start' });
  }

  function onPointerMove(event: PointerEvent<HTMLElement>): void {
    if (event.buttons === 0) return;
    const hit = document.elementFromPoint(event.clientX, event.clientY);
    const letter = hit instanceof HTMLElement ? hit.dataset.letter : undefined;
    if (letter) jump(letter);
  }

  return (
    <nav
      className="alpha-index"
      aria-label={t('contacts.index')}
      data-testid="alpha-index"
      onPointerMove={onPointerMove}
      onPointerUp={() => (last.current = null)}
    >
      {INDEX_LETTERS.map((letter) => (
        <button
          key={letter}
          type="button"
          className={present.includes(letter) ? 'alpha-index__letter alpha-index__letter--on' : 'alpha-index__letter'}
          data-letter={letter}
          onPointerDown={(event) => {
            // Let a sliding finger keep reporting moves to the strip instead of the first button.
            event.currentTarget.releasePointerCapture(event.pointerId);
            jump(letter);
          }}
          onClick={() => {
            last.current = null;
            jump(letter);
          }}
        >
          {letter}
        </button>
      ))}
    </nav>
  );
}
