import type { SVGProps } from 'react';

/** Inline 24×24 line icons (no icon font, no requests). They take currentColor; `filled` tints the shapes. */
export type IconProps = SVGProps<SVGSVGElement> & { filled?: boolean };

/** The shared 24×24 frame every icon of the app is drawn in (features add their own icons with it). */
export function Svg({ filled = false, children, ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill={filled ? 'currentColor' : 'none'}
      fillOpacity={filled ? 0.16 : undefined}
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export function ChatIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 4c-4.97 0-9 3.36-9 7.5 0 2.3 1.24 4.35 3.19 5.73L5.5 20l3.33-1.7c1 .26 2.06.4 3.17.4 4.97 0 9-3.36 9-7.5S16.97 4 12 4Z" />
      <path d="M8 11.5h.01M12 11.5h.01M16 11.5h.01" strokeWidth="2.2" />
    </Svg>
  );
}

export function ContactsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="10" cy="8" r="4" />
      <path d="M2.5 20c.8-3.9 3.8-6 7.5-6s6.7 2.1 7.5 6Z" />
      <path d="M16.5 4.6a3.6 3.6 0 0 1 0 6.8M19 14.6c1.4.9 2.3 2.9 2.5 5" fill="none" />
    </Svg>
  );
}

export function DiscoverIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="m15.5 8.5-2 5-5 2 2-5Z" />
    </Svg>
  );
}

export function MeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="8" r="4.2" />
      <path d="M4 20.5c.9-4.2 4.1-6.5 8-6.5s7.1 2.3 8 6.5Z" />
    </Svg>
  );
}

export function ChevronIcon(props: IconProps) {
  return (
    <Svg width="16" height="16" strokeWidth="2" {...props}>
      <path d="m9 5 7 7-7 7" />
    </Svg>
  );
}

/** Larger, two-tone illustrations for empty states. */
export function EmptyChatsArt() {
  return (
    <svg viewBox="0 0 96 96" width="96" height="96" aria-hidden="true" focusable="false">
      <path
        d="M38 18c-16 0-29 10.6-29 23.7 0 7.4 4.2 14 10.8 18.3L17 69l10.3-5.2c3.4 1 7 1.5 10.7 1.5 16 0 29-10.6 29-23.6S54 18 38 18Z"
        fill="#d9f4e5"
      />
      <path
        d="M87 52.5c0-10.7-10.5-19.3-23.5-19.3S40 41.8 40 52.5 50.5 71.8 63.5 71.8c2.9 0 5.7-.4 8.3-1.2L80 75l-2.2-7.5C83.4 63.9 87 58.5 87 52.5Z"
        fill="#07c160"
      />
      <circle cx="55" cy="52.5" r="2.6" fill="#fff" />
      <circle cx="63.5" cy="52.5" r="2.6" fill="#fff" />
      <circle cx="72" cy="52.5" r="2.6" fill="#fff" />
    </svg>
  );
}

export function EmptyContactsArt() {
  return (
    <svg viewBox="0 0 96 96" width="96" height="96" aria-hidden="true" focusable="false">
      <rect x="18" y="12" width="56" height="72" rx="8" fill="#d9f4e5" />
      <rect x="70" y="24" width="8" height="12" rx="2" fill="#07c160" />
      <rect x="70" y="42" width="8" height="12" rx="2" fill="#07c160" opacity=".6" />
      <circle cx="46" cy="40" r="11" fill="#07c160" />
      <path d="M27 70c2.4-10 10-15 19-15s16.6 5 19 15Z" fill="#07c160" />
    </svg>
  );
}

export function EmptyDiscoverArt() {
  return (
    <svg viewBox="0 0 96 96" width="96" height="96" aria-hidden="true" focusable="false">
      <circle cx="48" cy="48" r="36" fill="#d9f4e5" />
      <path d="M62 34 54 54 34 62l8-20Z" fill="#07c160" />
      <circle cx="48" cy="48" r="4" fill="#fff" />
      <circle cx="80" cy="18" r="5" fill="#07c160" opacity=".5" />
      <circle cx="15" cy="78" r="3.5" fill="#07c160" opacity=".35" />
    </svg>
  );
}

export function PlusCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8v8M8 12h8" />
    </Svg>
  );
}
