type Child = Node | string | null | undefined | false;

/** `h('button', {class: 'primary', onclick}, 'Pay')`: just enough DOM building for a few small pages. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | ((event: Event) => void)>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value !== undefined) el.setAttribute(key, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Shortens an openId for display: `oAbC…xYz9`. */
export const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 5)}…${id.slice(-4)}` : id);

export const yuan = (fen: number) => (fen / 100).toFixed(2);
