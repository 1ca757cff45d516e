import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Lists come as {items} or as a bare array. */
export function itemsOf<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  return ((answer as { items?: T[] } | undefined)?.items ?? []) as T[];
}

export function AdminCard({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="cg-page">
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {title}
          </Typography.Title>
        }
        extra={extra}
      >
        {children}
      </Card>
    </div>
  );
}
