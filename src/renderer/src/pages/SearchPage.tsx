import { Card, Empty, Input, List, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { searchKindLabels } from '../../../shared/contract/search';
import type { SearchHitView } from '../../../shared/contract/search';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { navigate } from '../app/router';
import { ErrorState } from '../components/ErrorState';

type KindFilter = 'all' | SearchHitView['kind'];

function hrefOf(hit: SearchHitView): string {
  switch (hit.kind) {
    case 'task':
      return `/plan/task/${hit.refId}`;
    case 'report':
      return `/reports/${hit.refId}`;
    case 'project':
      return `/plan/projects`;
    case 'unit':
      return `/plan/unit/${encodeURIComponent(hit.title)}`;
  }
}

/** 搜索: tasks, projects, units and every quarter's report text. Two-character words work. */
export function SearchPage({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [kind, setKind] = useState<KindFilter>('all');
  const result = useLoad(
    () =>
      query.trim()
        ? api['search.query']({ q: query, kinds: kind === 'all' ? [] : [kind], limit: 100 })
        : Promise.resolve({ hits: [] }),
    [query, kind],
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Input.Search
            defaultValue={initialQuery}
            placeholder="输入关键词，如：托育、心理健康、区社会事业局"
            enterButton="搜索"
            style={{ width: 480 }}
            onSearch={(value) => {
              setQuery(value);
              navigate(`/search/${encodeURIComponent(value)}`);
            }}
            aria-label="搜索关键词"
          />
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: '全部' },
              ...(['task', 'report', 'project', 'unit'] as const).map((k) => ({
                value: k,
                label: searchKindLabels[k],
              })),
            ]}
          />
        </Space>
      </Card>
      {result.error ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : result.loading && !result.data ? (
        <Skeleton active />
      ) : !query.trim() ? (
        <Empty description="输入关键词后按回车搜索。两个字及以上的词语都能找到。" />
      ) : (
        <Card title={`找到 ${result.data?.hits.length ?? 0} 条结果`}>
          <List
            dataSource={result.data?.hits ?? []}
            locale={{ emptyText: `没有找到包含「${query}」的内容，请换个关键词试试` }}
            renderItem={(hit) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space>
                      <Tag>{searchKindLabels[hit.kind]}</Tag>
                      <a href={`#${hrefOf(hit)}`}>{hit.title}</a>
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {hit.before}
                      <mark className="luoshi-target">{hit.match}</mark>
                      {hit.after}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
