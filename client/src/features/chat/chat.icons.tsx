import { Svg } from '../../ui/Icons';

export { PlusCircleIcon } from '../../ui/Icons';

/** Chat-only icons, drawn in the shared frame of ui/Icons. */
export function GroupIcon() {
  return (
    <Svg>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 19c.7-3.4 3.3-5.2 6.5-5.2s5.8 1.8 6.5 5.2Z" />
      <path d="M15.5 4.8a3.3 3.3 0 0 1 0 6.4M18 14c1.6.8 2.8 2.5 3.3 5" />
    </Svg>
  );
}

export function BackIcon() {
  return (
    <Svg>
      <path d="m15 5-7 7 7 7" />
    </Svg>
  );
}

export function MoreIcon() {
  return (
    <Svg strokeWidth="2.4">
      <path d="M5 12h.01M12 12h.01M19 12h.01" />
    </Svg>
  );
}

export function SmileIcon() {
  return (
    <Svg>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8M9 9.5h.01M15 9.5h.01" strokeWidth="2" />
    </Svg>
  );
}

export function ImageIcon() {
  return (
    <Svg>
      <rect x="3" y="4.5" width="18" height="15" rx="2.5" />
      <circle cx="8.5" cy="9.5" r="1.6" />
      <path d="m4 18 5.5-5.5 4 4 2.5-2.5 4 4" />
    </Svg>
  );
}
