import type { ReactNode } from 'react';

interface EmptyStateProps {
  art: ReactNode;
  title: string;
  hint: string;
}

/** What a list shows before it has anything: never a blank page. */
export function EmptyState({ art, title, hint }: EmptyStateProps) {
  return (
    <section className="empty-state" data-testid="empty-state">
      <div className="empty-state__art">{art}</div>
      <h2 className="empty-state__title">{title}</h2>
      <p className="empty-state__hint">{hint}</p>
    </section>
  );
}
