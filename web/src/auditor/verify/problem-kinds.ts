const LABELS: Record<string, string> = {
  edited: '记录被修改',
  'missing-tail': '链尾记录缺失',
  'missing-rows': '中间记录缺失',
  'chain-deleted': '整条链被删除',
  'anchor-mismatch': '与每日存证不符',
};

export function problemKindLabel(kind: string): string {
  return LABELS[kind] ?? kind;
}

const INSTANCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The process instance a problem is in, when its chain is an instance's (not the anchors' or a deployment's). */
export function instanceOfScope(scope: string | undefined): string | null {
  return scope && INSTANCE_ID.test(scope) ? scope : null;
}
