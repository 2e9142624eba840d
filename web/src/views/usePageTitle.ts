import { useEffect } from 'preact/hooks';
import { useApp } from './context.js';

/** The window's title names the page (what screen readers announce first, what the tab shows). */
export function usePageTitle(title: string): void {
  const { t } = useApp();
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t]);
}
