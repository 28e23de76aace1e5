import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Segmented, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ActivityKind } from '../../../api/policy.ts';
import { recordQueueApi, recordQueueKey, type QueueQuery } from '../../../api/recordQueue.ts';
import { type RecordCategory, type RecordState, type RecordView } from '../../../api/records.ts';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { kindLabels, recordCategoryLabels, recordStateLabels } from '../common/labels.ts';
import { releaseFocus } from './keyboard.tsx';

// The reviewers' filters (学时初审 / 学时核定 / 学时抽查), kept in the URL so a reload or a shared link
// shows the same queue, and the cursor-paginated pages they select.

export const pageSize = 50;

/** `''`: the caller's queue (view=queue); a state or `all`: every record in scope (view=all). */
export type StateFilter = RecordState | 'all' | '';

export type QueueFilters = {
  year: number | undefined;
  kind: ActivityKind | undefined;
  category: RecordCategory | undefined;
  unitId: string | undefined;
  state: StateFilter;
  age: 3 | 7 | undefined;
  sort: 'oldest' | 'newest';
};

const kinds = Object.keys(kindLabels) as ActivityKind[];
const categories = Object.keys(recordCategoryLabels) as RecordCategory[];
const states = Object.keys(recordStateLabels) as RecordState[];

const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);
const yearOptions = Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}年度` }));

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

/** The filters and the open record, kept in the URL (shareable, survive a reload). */
export function useQueueParams(defaults: { sort: 'oldest' | 'newest' }) {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year'));
  const age = params.get('age');
  const filters: QueueFilters = {
    year: Number.isInteger(year) && year > 2000 ? year : undefined,
    kind: oneOf(kinds, params.get('kind')),
    category: oneOf(categories, params.get('category')),
    unitId: params.get('unit') ?? undefined,
    state: oneOf<RecordState | 'all'>([...states, 'all'], params.get('state')) ?? '',
    age: age === '3' ? 3 : age === '7' ? 7 : undefined,
    sort: oneOf(['oldest', 'newest'] as const, params.get('sort')) ?? defaults.sort,
  };
  const openId = params.get('open');

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { filters, openId, update, setOpen: (id: string | null) => update({ open: id }) };
}

/** The list query of the filters (`forced` overrides, e.g. the spot checks' view=all&state=verified). */
export function queueQueryOf(filters: QueueFilters, forced: Partial<QueueQuery> = {}): QueueQuery {
  const query: QueueQuery = {
    view: filters.state === '' ? 'queue' : 'all',
    state: filters.state === '' || filters.state === 'all' ? undefined : filters.state,
    year: filters.year,
    kind: filters.kind,
    category: filters.category,
    unitId: filters.unitId,
    olderThanDays: filters.age,
    sort: filters.sort,
    limit: pageSize,
    ...forced,
  };
  return query;
}

/** The records of the query, page after page ("加载更多"), keyset cursors from the server. */
export function useRecordPages(query: QueueQuery) {
  const list = useInfiniteQuery({
    queryKey: [...recordQueueKey, 'list', query],
    queryFn: ({ pageParam, signal }) => recordQueueApi.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: RecordView[] = [];
    for (const page of list.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }, [list.data]);
  return { list, rows };
}

type FilterBarProps = {
  filters: QueueFilters;
  update: (changes: Record<string, string | null>) => void;
  /** Bureaus and authorities pick a unit; a unit reviews only its own people. */
  showUnit: boolean;
  /** The region the unit picker searches (a bureau's region; the whole province when absent). */
  regionCode?: string;
  /** The state filter: `queue` offers 待我审核 first; absent on the spot checks. */
  stateChoice?: { queueLabel: string };
  showAge?: boolean;
  sortLabels?: { oldest: string; newest: string };
};

export function FilterBar(props: FilterBarProps) {
  const { filters, showUnit, regionCode, stateChoice, showAge = true } = props;
  // A chosen filter hands the keyboard back to the list (the picker would keep the focus).
  const update = (changes: Record<string, string | null>) => {
    props.update(changes);
    setTimeout(releaseFocus, 0);
  };
  const sortLabels = props.sortLabels ?? { oldest: '最早优先', newest: '最新优先' };
  const any =
    filters.year !== undefined ||
    filters.kind !== undefined ||
    filters.category !== undefined ||
    filters.unitId !== undefined ||
    filters.state !== '' ||
    filters.age !== undefined;
  return (
    <Space wrap size={[8, 8]} data-testid="review-filters">
      <Select<number>
        value={filters.year}
        placeholder="全部年度"
        allowClear
        options={yearOptions}
        style={{ width: 104 }}
        onChange={(v) => update({ year: v ? String(v) : null, open: null })}
        aria-label="年度"
        data-testid="filter-year"
      />
      <Select<ActivityKind>
        value={filters.kind}
        placeholder="全部类型"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={kinds.map((k) => ({ value: k, label: kindLabels[k] }))}
        style={{ width: 150 }}
        popupMatchSelectWidth={false}
        onChange={(v) => update({ kind: v ?? null, open: null })}
        aria-label="活动类型"
        data-testid="filter-kind"
      />
      <Select<RecordCategory>
        value={filters.category}
        placeholder="全部科目"
        allowClear
        options={categories.map((c) => ({ value: c, label: recordCategoryLabels[c] }))}
        style={{ width: 120 }}
        popupMatchSelectWidth={false}
        onChange={(v) => update({ category: v ?? null, open: null })}
        aria-label="科目类别"
        data-testid="filter-category"
      />
      {showUnit ? (
        <div style={{ width: 210 }}>
          <UnitPicker
            regionCode={regionCode}
            value={filters.unitId}
            onChange={(v) => update({ unit: v ?? null, open: null })}
            testId="filter-unit"
          />
        </div>
      ) : null}
      {stateChoice ? (
        <Select<StateFilter>
          value={filters.state}
          options={[
            { value: '', label: stateChoice.queueLabel },
            ...states.filter((s) => s !== 'draft').map((s) => ({ value: s, label: recordStateLabels[s] })),
            { value: 'all', label: '全部状态' },
          ]}
          style={{ width: 128 }}
          popupMatchSelectWidth={false}
          onChange={(v) => update({ state: v || null, open: null })}
          aria-label="状态"
          data-testid="filter-state"
        />
      ) : null}
      {showAge ? (
        <Segmented<string>
          value={filters.age ? String(filters.age) : ''}
          options={[
            { value: '', label: '全部' },
            { value: '3', label: '超过3天' },
            { value: '7', label: '超过7天' },
          ]}
          onChange={(v) => update({ age: v || null, open: null })}
          data-testid="filter-age"
        />
      ) : null}
      <Segmented<string>
        value={filters.sort}
        options={[
          { value: 'oldest', label: sortLabels.oldest },
          { value: 'newest', label: sortLabels.newest },
        ]}
        onChange={(v) => update({ sort: v, open: null })}
        data-testid="filter-sort"
      />
      {any ? (
        <Button
          type="link"
          onClick={() => update({ year: null, kind: null, category: null, unit: null, state: null, age: null, open: null })}
          data-testid="filter-reset"
        >
          清除筛选
        </Button>
      ) : null}
    </Space>
  );
}
