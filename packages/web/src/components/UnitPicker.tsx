import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { orgApi, type UnitOption } from '../api/organisations.ts';

type UnitPickerProps = {
  /** Searches approved units in this region or below; the whole province when absent. */
  regionCode?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  testId?: string;
  /** A unit to leave out (e.g. the person's current unit when transferring). */
  excludeId?: string;
};

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Picks an approved unit by name within a region (GET /units/search), searching as one types. */
export function UnitPicker({ regionCode, value, onChange, testId, excludeId }: UnitPickerProps) {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  // Units seen in earlier answers, so the chosen one keeps its name when a new search omits it.
  const seen = useRef(new Map<string, UnitOption>());

  const units = useQuery({
    queryKey: ['units-search', regionCode ?? '41', search],
    queryFn: ({ signal }) => orgApi.searchUnits({ regionCode: regionCode ?? '41', q: search || undefined, limit: 50 }, signal),
  });

  const items = (units.data?.items ?? []).filter((unit) => unit.id !== excludeId);
  for (const unit of items) seen.current.set(unit.id, unit);
  const chosen = value ? seen.current.get(value) : undefined;
  const list = chosen && !items.some((unit) => unit.id === chosen.id) ? [chosen, ...items] : items;

  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入单位名称搜索"
      loading={units.isFetching}
      allowClear
      notFoundContent={units.isFetching ? '正在搜索…' : units.isError ? '单位加载失败，请重试' : '该地区暂无已审核的单位'}
      options={list.map((unit) => ({
        value: unit.id,
        label: unit.name,
        regionName: unit.regionName,
      }))}
      optionRender={(option) => (
        <span>
          {option.label}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {String(option.data.regionName ?? '')}
          </Typography.Text>
        </span>
      )}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
