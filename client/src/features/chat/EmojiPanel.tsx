const EMOJI = [
  '😀',
  '😂',
  '🤣',
  '😊',
  '😍',
  '😘',
  '😎',
  '🤔',
  '😅',
  '😭',
  '😡',
  '😱',
  '😴',
  '🤗',
  '🙄',
  '😏',
  '👍',
  '👎',
  '👏',
  '🙏',
  '💪',
  '👌',
  '✌️',
  '🤝',
  '❤️',
  '💔',
  '🔥',
  '🎉',
  '🌹',
  '☕',
  '🍺',
  '🧧',
];

/** A small grid of common emoji; a tap inserts one at the caret. */
export function EmojiPanel({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <div className="emoji-panel" role="group">
      {EMOJI.map((e) => (
        <button
          key={e}
          type="button"
          className="emoji-panel__item"
          data-testid="emoji"
          // Keep the caret in the text box while picking.
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => onPick(e)}
        >
          {e}
        </button>
      ))}
    </div>
  );
}
