import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Sort } from "../lib/jobSort";

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  width?: string;
  /** Set when the column sorts on the server by this key. */
  sortKey?: string;
}

/**
 * A table that renders only the rows in view (plus a margin), so thousands of rows stay fast. Rows have a fixed
 * height; arrow keys move the focus between rows, Enter opens the focused row.
 */
export function VirtualTable<T>(props: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen?: (row: T) => void;
  rowHeight?: number;
  height?: number;
  sort?: Sort;
  onSort?: (key: string) => void;
  label: string;
}) {
  const { rows, columns, rowKey, onOpen, rowHeight = 34, height = 560, label } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const margin = 10;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - margin);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + margin);
  const visible = rows.slice(first, last);
  const template = columns.map((c) => c.width ?? "1fr").join(" ");

  // the row to focus once it is rendered: a far row (End on a long list) exists only after the scroll re-renders
  const focusNext = useRef<number | null>(null);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    const row = body.current?.querySelector(`[data-row-index="${focusNext.current}"]`) as HTMLElement | null;
    if (row) {
      focusNext.current = null;
      row.focus();
    }
  });

  const onKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const move = (to: number) => {
      e.preventDefault();
      const container = body.current;
      const target = Math.max(0, Math.min(rows.length - 1, to));
      focusNext.current = target;
      if (container) {
        const top = target * rowHeight;
        if (top < container.scrollTop || top + rowHeight > container.scrollTop + height - rowHeight) {
          const next = Math.max(0, top - height / 2);
          container.scrollTop = next;
          setScrollTop(next);
        }
      }
      const shown = container?.querySelector(`[data-row-index="${target}"]`) as HTMLElement | null;
      if (shown) {
        focusNext.current = null;
        shown.focus();
      }
    };
    if (e.key === "ArrowDown") move(index + 1);
    else if (e.key === "ArrowUp") move(index - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(rows.length - 1);
    else if (e.key === "Enter" && onOpen) onOpen(rows[index]);
  };

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div className="vrow vhead" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" aria-sort={c.sortKey && props.onSort ? ariaSort(props.sort, c.sortKey) : undefined}>
            {c.sortKey && props.onSort ? (
              <button
                type="button"
                className="linklike"
                title={`Sort by ${c.header.toLowerCase()}`}
                onClick={() => props.onSort!(c.sortKey!)}
              >
                {c.header}
                {props.sort?.key === c.sortKey ? (props.sort.order === "desc" ? " ▼" : " ▲") : ""}
              </button>
            ) : (
              c.header
            )}
          </div>
        ))}
      </div>
      <div className="vbody" ref={body} style={{ height: Math.min(height, Math.max(rowHeight, rows.length * rowHeight)) }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * rowHeight, position: "relative" }}>
          {visible.map((row, i) => {
            const index = first + i;
            return (
              <div
                key={rowKey(row)}
                className={`vrow${onOpen ? " clickable" : ""}`}
                role="row"
                aria-rowindex={index + 2}
                data-row-index={index}
                tabIndex={0}
                style={{ gridTemplateColumns: template, position: "absolute", top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}
                onClick={onOpen ? () => onOpen(row) : undefined}
                onKeyDown={(e) => onKey(e, index)}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell">
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <p className="muted">Nothing to show.</p>}
    </div>
  );
}

function ariaSort(sort: Sort | undefined, key: string): "ascending" | "descending" | "none" {
  if (sort?.key !== key) return "none";
  return sort.order === "asc" ? "ascending" : "descending";
}
