import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One term and its value in a description list (`<dl>`) of a record's facts. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
