import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Page state kept in the URL, so every view can be bookmarked and shared. */
export function useSearchState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => [key, params.get(key) ?? fallback]),
  ) as Record<K, string>;
  const set = useCallback(
    (key: K, value: string) => {
      setParams(
        () => {
          const next = currentSearchParams();
          if (value === '' || value === defaults[key]) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaults],
  );
  return [values, set] as const;
}

/**
 * The parameters in the address bar now. The router hands `setSearchParams` those of the last render,
 * and it renders navigations as transitions: a second click before that render (a slow machine) would
 * otherwise start from the parameters before the first click and undo it.
 */
export const currentSearchParams = () => new URLSearchParams(window.location.search);
