const LABELS: Record<string, string> = {
  edited: '记录被修改',
  'missing-tail': '链尾记录缺失',
  'missing-rows': '中间记录缺失',
  'chain-deleted': '整条链被删除',
};

export function problemKindLabel(kind: string): string {
  return LABELS[kind] ?? kind;
}
