import type { ReactNode } from 'react';
import { Badge } from '@mantine/core';

/** Text colours dark enough (WCAG AA) on the light tint of each badge colour. */
const TONES = {
  green: { color: 'green', text: '#1b5e20' },
  red: { color: 'red', text: '#a51d1d' },
  yellow: { color: 'yellow', text: '#5c4400' },
  gray: { color: 'gray', text: '#343a40' },
  blue: { color: 'un', text: '#084a80' },
} as const;

export type Tone = keyof typeof TONES;

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Badge variant="light" color={TONES[tone].color} c={TONES[tone].text} tt="none" size="md">
      {children}
    </Badge>
  );
}
