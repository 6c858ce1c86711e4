import type { SVGProps } from 'react';
import { Svg } from '../../ui/Icons';

export { PlusCircleIcon } from '../../ui/Icons';

/** Icons for the contacts screens, drawn in the shared frame of ui/Icons. */
export function AddPersonIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <Svg {...props}>
      <circle cx="10" cy="8" r="4" />
      <path d="M3 20c.8-3.9 3.6-6 7-6 1.5 0 2.9.4 4 1.2M18 14v6M15 17h6" />
    </Svg>
  );
}

export function QrIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <Svg {...props}>
      <rect x="4" y="4" width="6" height="6" rx="1" />
      <rect x="14" y="4" width="6" height="6" rx="1" />
      <rect x="4" y="14" width="6" height="6" rx="1" />
      <path d="M14 14h2v2h-2zM18 18h2v2h-2zM14 20h1M20 14v1" />
    </Svg>
  );
}

export function BackIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <Svg strokeWidth="2" {...props}>
      <path d="m15 5-7 7 7 7" />
    </Svg>
  );
}

export function SearchIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <Svg width="18" height="18" {...props}>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m16 16 4 4" />
    </Svg>
  );
}
