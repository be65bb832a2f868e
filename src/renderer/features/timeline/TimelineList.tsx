import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { useDashboard } from '../../stores/store';
import { TIMELINE_PAGE } from '../../stores/timeline-slice';
import { TimelineRow, TimelineRowPlaceholder } from './TimelineRow';

const ROW_HEIGHT = 52;
const FIRST_ROWS_MARK = 'counterfoil:first-rows';

export function TimelineList() {
  const { loaded, total, pages, ensureRange, showAccount, filterKey, accounts } = useDashboard(
    useShallow((s) => ({
      loaded: s.total !== null,
      total: s.total ?? 0,
      pages: s.pages,
      ensureRange: s.ensureRange,
      showAccount: !s.filter.account,
      filterKey: JSON.stringify(s.filter),
      accounts: s.accounts,
    })),
  );
  const names = useMemo(() => new Map(accounts.map((a) => [a.id, a.nickname ?? a.id])), [accounts]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    ensureRange(first, Math.max(last, first + 30));
  }, [first, last, ensureRange, total]);

  // For measuring the time to first rows from navigation start (the perf test and the bench read it).
  const hasRows = items.some((item) => pages[Math.floor(item.index / TIMELINE_PAGE)]?.[item.index % TIMELINE_PAGE]);
  useEffect(() => {
    if (hasRows && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) performance.mark(FIRST_ROWS_MARK);
  }, [hasRows]);

  // Newest entries arrive on top: a reader scrolled down keeps looking at the same rows.
  const previous = useRef({ total, filterKey });
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = previous.current;
    previous.current = { total, filterKey };
    if (!el || before.filterKey !== filterKey) return;
    const added = total - before.total;
    if (added > 0 && el.scrollTop > 0) el.scrollTop += added * ROW_HEIGHT;
  }, [total, filterKey]);

  return (
    <div className="timeline-table" data-testid="timeline-list" data-total={total}>
      <div className={showAccount ? 'timeline-head with-account' : 'timeline-head'} role="row">
        <span>Time</span>
        <span>Flow</span>
        {showAccount && <span>Account</span>}
        <span className="num">Amount</span>
        <span className="num">Cash</span>
        <span className="num">Inbound pending</span>
        <span className="num">Outbound pending</span>
        <span className="num">Cash after</span>
        <span>Status</span>
      </div>
      {!loaded ? (
        <p className="muted pad">Loading entries…</p>
      ) : total === 0 ? (
        <p className="muted pad" data-testid="timeline-no-match">
          No entries match these filters.
        </p>
      ) : (
        <div className="timeline-scroll" ref={scroller} data-testid="timeline-scroll">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const entry = pages[Math.floor(item.index / TIMELINE_PAGE)]?.[item.index % TIMELINE_PAGE];
              return (
                <div
                  key={item.key}
                  className="timeline-slot"
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  {entry ? (
                    <TimelineRow entry={entry} accountName={showAccount ? (names.get(entry.financial_account) ?? entry.financial_account) : null} />
                  ) : (
                    <TimelineRowPlaceholder />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
