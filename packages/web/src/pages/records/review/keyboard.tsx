import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RecordView } from '../../../api/records.ts';

// Keyboard review (reviewers handle hundreds of records a day): single-key shortcuts that never fire
// while typing, and the row cursor both queue pages move with j/k, Enter and Esc.

/** The shortcuts, shown under the filters. */
export function ShortcutHelp({ items }: { items: [string[], string][] }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="review-shortcuts">
      快捷键：
      {items.map(([keys, what], i) => (
        <span key={what} style={{ marginInlineStart: i === 0 ? 0 : 10, whiteSpace: 'nowrap' }}>
          {keys.map((k) => (
            <Typography.Text keyboard key={k} style={{ fontSize: 12 }}>
              {k}
            </Typography.Text>
          ))}{' '}
          {what}
        </span>
      ))}
    </Typography.Text>
  );
}

const textInputTypes = new Set(['', 'text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week']);

/** Gives the keys back to the page after a filter was chosen (the picker keeps the focus otherwise). */
export const releaseFocus = () => {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
};

/** Whether a key press belongs to a text field (or another control that uses the key itself). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement && textInputTypes.has(target.type) && !target.readOnly) return true;
  // Pickers use the arrow keys and Enter themselves.
  return target.closest('[role="dialog"], .ant-select, .ant-picker, .ant-cascader, .ant-modal') !== null;
}

/**
 * Single-key shortcuts on the page: never while typing, never with a modifier, never while a dialog
 * is open (`paused`). The handler answers whether it used the key.
 */
export function useShortcuts(handler: (key: string, event: KeyboardEvent) => boolean, paused: boolean) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (paused || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      // Enter on a focused button or link is that control's own.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a, [role="button"], [role="tab"], label')) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      if (ref.current(event.key, event)) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [paused]);
}

/** The row after `id` (or before it, at the end), for moving on after a decision. */
export function neighbourOf(rows: RecordView[], id: string, skip: ReadonlySet<string> = new Set()): string | null {
  const index = rows.findIndex((r) => r.id === id);
  if (index < 0) return rows.find((r) => !skip.has(r.id) && r.id !== id)?.id ?? null;
  for (let i = index + 1; i < rows.length; i += 1) if (!skip.has(rows[i]!.id)) return rows[i]!.id;
  for (let i = index - 1; i >= 0; i -= 1) if (!skip.has(rows[i]!.id)) return rows[i]!.id;
  return null;
}

/**
 * The row cursor of a queue page: j/k (↓/↑) move it (fetching the next page at the end of what is
 * loaded), Enter opens the row under it, Esc closes the open one. `navigate` answers whether it used
 * the key, so a page handles its own keys after it.
 */
export function useRowCursor(o: {
  rows: RecordView[];
  openId: string | null;
  setOpen: (id: string | null) => void;
  /** Called whenever a row is opened or closed (the page clears what it showed about the last one). */
  onOpen?: () => void;
  loadMore: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { rows, openId, setOpen, onOpen, loadMore } = o;
  const [focusedId, setFocusedId] = useState<string | null>(null);

  const openRow = (id: string | null) => {
    setOpen(id);
    if (id) setFocusedId(id);
    onOpen?.();
  };

  const moveCursor = (delta: number) => {
    if (rows.length === 0) return;
    const index = rows.findIndex((r) => r.id === (focusedId ?? openId));
    const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + delta));
    setFocusedId(rows[next]!.id);
    // At the end of what is loaded, the next page comes.
    if (delta > 0 && next === rows.length - 1 && loadMore.hasNextPage && !loadMore.isFetchingNextPage) void loadMore.fetchNextPage();
  };

  const navigate = (key: string): boolean => {
    switch (key) {
      case 'j':
      case 'ArrowDown':
        moveCursor(1);
        return true;
      case 'k':
      case 'ArrowUp':
        moveCursor(-1);
        return true;
      case 'Enter': {
        const id = focusedId ?? rows[0]?.id ?? null;
        if (id) openRow(id);
        return id !== null;
      }
      case 'Escape':
        if (!openId) return false;
        openRow(null);
        return true;
      default:
        return false;
    }
  };

  return { focusedId, setFocusedId, openRow, navigate };
}
