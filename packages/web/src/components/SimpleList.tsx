import type { Key, ReactNode } from 'react';
import { EmptyState } from './problem.tsx';

/** A plain list of rows with dividers (Ant Design's List is deprecated in v6). */
export function SimpleList<T>({
  items,
  rowKey,
  render,
  empty,
  className,
}: {
  items: readonly T[];
  rowKey(item: T): Key;
  render(item: T): ReactNode;
  empty?: ReactNode;
  className?: string;
}) {
  if (!items.length) return <EmptyState description={empty} />;
  return (
    <ul className={`cg-list ${className ?? ''}`}>
      {items.map((item) => (
        <li key={rowKey(item)}>{render(item)}</li>
      ))}
    </ul>
  );
}
