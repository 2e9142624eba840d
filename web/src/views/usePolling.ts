import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `refresh` every `intervalMs` while the page is visible, and at once when it becomes visible again: new
 * candidates appear without a reload, and a hidden tab costs the API nothing.
 */
export function usePolling(refresh: () => Promise<void> | void, intervalMs: number, enabled = true): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let running = false;
    const tick = async () => {
      if (running || document.visibilityState !== 'visible') return;
      running = true;
      try {
        await latest.current();
      } finally {
        running = false;
      }
    };
    const timer = window.setInterval(() => void tick(), intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}
