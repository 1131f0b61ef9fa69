import type { Agency } from '../types';
import { matches } from './text';
import { todayYmd } from './dates';

export interface AgencyNode extends Agency {
  children?: AgencyNode[];
}

/** Dựng cây từ danh sách phẳng theo parentId; cơ quan có cấp trên không nằm trong danh sách trở thành gốc. */
export function buildTree(items: Agency[]): AgencyNode[] {
  const nodes = new Map<string, AgencyNode>();
  for (const a of items) nodes.set(a.id, { ...a, children: undefined });
  const roots: AgencyNode[] = [];
  for (const a of items) {
    const node = nodes.get(a.id)!;
    const parent = a.parentId ? nodes.get(a.parentId) : undefined;
    if (parent && parent !== node && !isAncestor(nodes, node.id, parent.id)) {
      (parent.children ??= []).push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** id có phải tổ tiên của `of` theo parentId không (chống vòng lặp do dữ liệu lỗi). */
function isAncestor(nodes: Map<string, Agency>, id: string, of: string): boolean {
  let cur = nodes.get(of);
  const seen = new Set<string>();
  while (cur?.parentId && !seen.has(cur.id)) {
    seen.add(cur.id);
    if (cur.parentId === id) return true;
    cur = nodes.get(cur.parentId);
  }
  return false;
}

/** Lọc cây theo từ khóa (tên, tên viết tắt, mã): giữ nút khớp và tổ tiên của chúng. */
export function filterTree(nodes: AgencyNode[], query: string): AgencyNode[] {
  if (!query.trim()) return nodes;
  const walk = (list: AgencyNode[]): AgencyNode[] => {
    const out: AgencyNode[] = [];
    for (const n of list) {
      const kids = n.children ? walk(n.children) : [];
      const self = matches(query, n.name, n.shortName, n.code, n.adminUnitCode);
      if (self) out.push(n);
      else if (kids.length) out.push({ ...n, children: kids });
    }
    return out;
  };
  return walk(nodes);
}

export function keysWithChildren(nodes: AgencyNode[]): string[] {
  const out: string[] = [];
  const walk = (list: AgencyNode[]) => {
    for (const n of list) {
      if (n.children?.length) {
        out.push(n.id);
        walk(n.children);
      }
    }
  };
  walk(nodes);
  return out;
}

/** id của cơ quan và mọi đơn vị trực thuộc (theo danh sách đầy đủ). */
export function descendantIds(items: Agency[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const a of items) {
    if (!a.parentId) continue;
    children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  }
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    for (const c of children.get(cur) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}

/** Còn hiệu lực: ưu tiên danh sách "đang hoạt động" từ máy chủ; nếu chưa có thì suy từ ngày. */
export function isActive(a: Agency, activeIds?: Set<string>): boolean {
  if (activeIds) return activeIds.has(a.id);
  const t = todayYmd();
  return a.validFrom <= t && (!a.validTo || a.validTo >= t);
}

export type AgencyStatus = 'active' | 'ending' | 'merged' | 'dissolved' | 'future';

export function agencyStatus(a: Agency, activeIds?: Set<string>): AgencyStatus {
  if (isActive(a, activeIds)) return a.validTo ? 'ending' : 'active';
  if (a.validFrom > todayYmd()) return 'future';
  return a.successorIds.length ? 'merged' : 'dissolved';
}

export interface TreeOption {
  value: string;
  title: string;
  key: string;
  code: string;
  shortName: string | null;
  disabled?: boolean;
  children?: TreeOption[];
}

/** Dữ liệu cho antd TreeSelect. */
export function toTreeOptions(nodes: AgencyNode[], disabled?: Set<string>): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    key: n.id,
    title: n.name,
    code: n.code,
    shortName: n.shortName,
    disabled: disabled?.has(n.id) || undefined,
    children: n.children ? toTreeOptions(n.children, disabled) : undefined,
  }));
}
