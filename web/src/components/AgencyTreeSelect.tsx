import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import type { Agency } from '../types';
import { buildTree, toTreeOptions, type TreeOption } from '../lib/agencies';
import { matches } from '../lib/text';

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'showSearch'> & {
  agencies: Agency[];
  /** Các cơ quan không cho chọn (ví dụ: chính nó và đơn vị trực thuộc khi chọn cấp trên). */
  disabledIds?: Set<string>;
};

/** Chọn cơ quan theo cây, tìm kiếm không dấu theo tên hoặc mã. */
export function AgencyTreeSelect({ agencies, disabledIds, placeholder = 'Chọn cơ quan, đơn vị', ...rest }: Props) {
  const treeData = useMemo(() => toTreeOptions(buildTree(agencies), disabledIds), [agencies, disabledIds]);
  const rootKeys = useMemo(() => treeData.map((n) => n.key), [treeData]);
  return (
    <TreeSelect<string>
      allowClear
      placeholder={placeholder}
      treeData={treeData}
      treeDefaultExpandedKeys={rootKeys}
      showSearch={{
        filterTreeNode: (input, node) => {
          const n = node as unknown as TreeOption;
          return matches(input, n.title, n.shortName, n.code);
        },
      }}
      treeLine
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(560px, calc(100vw - 24px))' } } }}
      listHeight={360}
      {...rest}
    />
  );
}
