import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/client.ts';
import { orgApi, type Region } from '../api/organisations.ts';

type RegionOption = { value: string; label: string; isLeaf: boolean; children?: RegionOption[] };

const toOption = (region: Region): RegionOption => ({ value: region.code, label: region.name, isLeaf: !region.hasChildren });

const regionsKey = (parent: string) => ['regions', parent] as const;

type RegionCascaderProps = {
  /** The path of region codes, e.g. ['4101', '410105']. */
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Label of an extra first option standing for the province itself (code 41), if wanted. */
  provinceLabel?: string;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
};

/** The region of the last element of a cascader path. */
export function lastRegion(path: string[] | undefined): string | undefined {
  return path && path.length > 0 ? path[path.length - 1] : undefined;
}

/**
 * Henan's current divisions, loaded level by level (GET /regions?parent=). Any level may be chosen:
 * a city stands for itself and everything below it.
 */
export function RegionCascader({ value, onChange, provinceLabel, placeholder = '请选择地区', testId, disabled }: RegionCascaderProps) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const top = useQuery({
    queryKey: regionsKey('41'),
    queryFn: ({ signal }) => orgApi.regions(undefined, signal),
    staleTime: Infinity,
  });
  const [options, setOptions] = useState<RegionOption[]>([]);

  useEffect(() => {
    if (!top.data) return;
    const province = provinceLabel ? [{ value: '41', label: provinceLabel, isLeaf: true }] : [];
    setOptions([...province, ...top.data.items.map(toOption)]);
  }, [top.data, provinceLabel]);

  // Ant Design's documented lazy-loading pattern: fill the chosen option's children, then re-render.
  const loadData = (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    void queryClient
      .fetchQuery({
        queryKey: regionsKey(target.value),
        queryFn: ({ signal }) => orgApi.regions(target.value, signal),
        staleTime: Infinity,
      })
      .then(({ items }) => {
        target.children = items.map(toOption);
        if (items.length === 0) target.isLeaf = true;
      })
      .catch((error: unknown) => {
        target.isLeaf = true;
        void message.error(describeError(error));
      })
      .finally(() => setOptions((current) => [...current]));
  };

  return (
    <Cascader<RegionOption>
      options={options}
      loadData={loadData}
      value={value}
      onChange={(path) => onChange?.((path ?? []).map(String))}
      changeOnSelect
      placeholder={top.isError ? '地区加载失败，请刷新重试' : placeholder}
      notFoundContent={top.isPending ? '正在加载…' : '暂无地区'}
      disabled={disabled}
      allowClear
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
