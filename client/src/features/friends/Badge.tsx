import './badge.css';

/** WeChat's red count bubble; renders nothing at zero. */
export function Badge({ count, testId, className }: { count: number; testId: string; className?: string }) {
  if (count <= 0) return null;
  return (
    <span className={className ? `count-badge ${className}` : 'count-badge'} data-testid={testId} data-count={count}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
