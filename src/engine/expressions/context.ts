/** What expressionContext reads from a bpmn-server Item or Token (structural, so tests can pass plain objects). */
export interface ExpressionScope {
  id?: unknown;
  elementId?: unknown;
  name?: unknown;
  data?: unknown;
  input?: unknown;
  output?: unknown;
  /** Set on a Token: the node it stands on. */
  currentNode?: { id?: unknown; name?: unknown } | null;
  /** Set on an Item. */
  token?: { execution?: ExecutionLike | null } | null;
  /** Set on a Token. */
  execution?: ExecutionLike | null;
}

interface ExecutionLike {
  instance?: { id?: unknown; name?: unknown } | null;
}

export type ExpressionContext = Record<string, unknown>;

/**
 * The variables an expression sees: the instance data fields at top level (`severity = "major"`), plus `data`, `input`,
 * `output`, `item` {id, elementId, name}, `instance` {id, name} and `now`, which `now()`/`today()` answer from — pass
 * the engine clock's time. The named entries win over data fields of the same name.
 */
export function expressionContext(scope: ExpressionScope, now: Date): ExpressionContext {
  const data = isRecord(scope.data) ? scope.data : {};
  const instance = (scope.token?.execution ?? scope.execution)?.instance;
  const isToken = scope.currentNode !== undefined;
  // Copied key by key: spreading instance data (dozens of fields) took V8's slow path, several times as long.
  // `__proto__` is left out: assigned, it would set the context's prototype, and FEEL never sees it anyway.
  const context: ExpressionContext = {};
  for (const key of Object.keys(data)) if (key !== '__proto__') context[key] = data[key];
  context.data = data;
  context.input = scope.input ?? {};
  context.output = scope.output ?? {};
  context.item = isToken
    ? { id: scope.id ?? null, elementId: scope.currentNode?.id ?? null, name: scope.currentNode?.name ?? null }
    : { id: scope.id ?? null, elementId: scope.elementId ?? null, name: scope.name ?? null };
  context.instance = { id: instance?.id ?? null, name: instance?.name ?? null };
  context.now = now;
  return context;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
