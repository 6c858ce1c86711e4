const PALETTE = ['#07c160', '#10aeff', '#fa9d3b', '#576b95', '#fa5151', '#6467f0', '#1cb0a8', '#e64291'];

function colorFor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#07c160';
}

interface AvatarProps {
  /** Stable seed for the fallback colour (the user id). */
  seed: string;
  name: string;
  url: string | null;
  size?: number;
  alt: string;
}

/** The user's picture, or the first letter of their name in a coloured rounded square. */
export function Avatar({ seed, name, url, size = 48, alt }: AvatarProps) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.44) };
  if (url) return <img className="avatar" src={url} alt={alt} style={style} />;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  return (
    <span className="avatar" role="img" aria-label={alt} style={{ ...style, background: colorFor(seed) }}>
      {initial}
    </span>
  );
}
