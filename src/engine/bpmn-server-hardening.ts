/**
 * Loads bpmn-server once and defuses its sharp edges without touching node_modules:
 * - it installs a process-wide `uncaughtException` handler that logs and swallows every error: removed;
 * - its timer behaviour arms an in-process setTimeout per timer (lost on restart, fired by every process):
 *   replaced by DurableTimerBehaviour, which only computes the due time; the TimerPoller fires it;
 * - an exclusive gateway whose conditions all fail silently ends the token (and so the instance):
 *   it now raises NoMatchingFlowError, which rolls the operation back and records an incident;
 * - Token.goNext sleeps 10 ms before every step: replaced by the same step without the sleep;
 * - every start and every restore builds a new moddle registry: shared (see shareModdleInstances);
 * - every start and every restore parses the diagram's XML again: parsed models are cached per source text
 *   (bpmn-server only reads the parsed model; executions build their own node objects around it);
 * - a restored execution numbers new items from 0 again: it goes on after the highest restored item;
 * - every save logs the whole instance data as JSON, and every invoke logs a report of every token and item, built
 *   as text whether or not anyone reads the log: the report only when the log is printed (ENGINE_LOG=1), the save
 *   without the data.
 */
import path from 'node:path';

/**
 * Every Definition bpmn-server builds (one per start and per restore) constructs a new BpmnModdle, which
 * rebuilds the whole BPMN type registry. One instance per moddle-options object serves them all: a moddle
 * instance only reads its registry while parsing.
 */
function shareModdleInstances(): void {
  const definitionModule = require.resolve('bpmn-server/dist/elements/Definition.js');
  const moddlePath = require.resolve('bpmn-moddle', { paths: [path.dirname(definitionModule)] });
  const BpmnModdle = require(moddlePath);
  const instances = new Map<unknown, unknown>();
  function SharedBpmnModdle(options?: { moddleOptions?: unknown }) {
    const key = options?.moddleOptions ?? null;
    if (!instances.has(key)) instances.set(key, new BpmnModdle(options));
    return instances.get(key);
  }
  const cached = require.cache[moddlePath];
  if (cached) cached.exports = SharedBpmnModdle;
}
shareModdleInstances();

const listenersBefore = new Set(process.listeners('uncaughtException'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const bpmn = require('bpmn-server');
for (const listener of process.listeners('uncaughtException')) {
  if (!listenersBefore.has(listener)) process.removeListener('uncaughtException', listener);
}

import { recordFailure } from './failures';

const { Token, TOKEN_TYPE, ITEM_STATUS, TOKEN_STATUS, XORGateway, BehaviourLoader, Behaviour_names } = bpmn;

export class NoMatchingFlowError extends Error {
  constructor(readonly elementId: string) {
    super(`No outgoing flow of exclusive gateway "${elementId}" matched and it has no default flow`);
    this.name = 'NoMatchingFlowError';
  }
}

const originalXorOutbounds = XORGateway.prototype.getOutbounds;
XORGateway.prototype.getOutbounds = async function getOutbounds(this: any, item: any) {
  const outbounds = await originalXorOutbounds.call(this, item);
  if (outbounds.length === 0 && this.outbounds.length > 0) {
    throw recordFailure(new NoMatchingFlowError(this.id));
  }
  return outbounds;
};

/**
 * Execution.end() starts `CallActivity.executionEnded` (which continues the parent instance) without awaiting
 * it, so the parent's step would run after our transaction committed. The promise is handed to the child
 * execution, whose step awaits `execution.promises` before it saves.
 */
const originalExecutionEnded = bpmn.CallActivity.executionEnded;
bpmn.CallActivity.executionEnded = function executionEnded(execution: any) {
  const continuation = Promise.resolve(originalExecutionEnded.call(bpmn.CallActivity, execution))
    .catch((error: Error) => { throw recordFailure(error); });
  execution.promises.push(continuation);
  return continuation;
};

/** Engine.exception prints every failure's stack to the console before rethrowing; our logger keeps it instead. */
bpmn.Engine.prototype.exception = async function exception(this: any, error: Error, execution: any) {
  if (execution) await execution.doExecutionEvent(execution, bpmn.EXECUTION_EVENT.process_exception);
  return this.logger.error(error);
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** bpmn-server's Token.goNext, step for step, with setImmediate in place of its 10 ms pause. */
Token.prototype.goNext = async function goNext(this: any) {
  await yieldToEventLoop();
  if (this.path.length === 0) {
    const first = this.getChildrenTokens()[0];
    this.addItemToPath(first.path[0]);
  }
  if (this.currentItem.status === 'wait') return;
  if (this.status === TOKEN_STATUS.terminated) return this.end(true);
  if (!(await this.preNext())) return;

  const outbounds = await this.currentNode.getOutbounds(this.currentItem);
  if (outbounds.length === 0) {
    await this.end();
    return;
  }
  const thisItem = this.currentItem;
  const promises: Promise<unknown>[] = [];
  const diverging = outbounds.length > 1 || this.currentNode.outbounds.length > 1;
  for (const flowItem of outbounds) {
    flowItem.status = ITEM_STATUS.end;
    this.addItemToPath(flowItem);
    const nextNode = flowItem.element.to;
    if (!nextNode) continue;
    if (diverging) {
      promises.push(Token.startNewToken(TOKEN_TYPE.Diverge, this.execution, nextNode, null, this, thisItem, null));
    } else {
      this._currentNode = nextNode;
      promises.push(this.execute(null));
    }
  }
  if (diverging && this.type !== TOKEN_TYPE.SubProcess) this.end();
  await Promise.all(promises);
};

/**
 * A restored execution numbers its next items (Item.seq) from 0 again, so items created after a restore share seq
 * numbers with older ones. The store hands an instance's items back in seq order and a restored token's current item
 * is the last of its path, so a later restore could take an older item for the waiting one. Numbering now goes on
 * after the highest restored item (and token).
 */
const originalRestore = bpmn.Execution.restore;
bpmn.Execution.restore = async function restore(this: unknown, ...args: unknown[]) {
  const execution = await originalRestore.apply(this, args);
  const after = (numbers: number[]) => numbers.reduce((highest, n) => (Number.isFinite(n) && n >= highest ? n + 1 : highest), 0);
  execution.uids.item = Math.max(execution.uids.item ?? 0, after(execution.getItems().map((item: { seq: unknown }) => Number(item.seq))));
  execution.uids.token = Math.max(execution.uids.token ?? 0, after([...execution.tokens.keys()].map(Number)));
  return execution;
};

/** True when the engine log prints (ENGINE_LOG=1, BoundedLogger.toConsole): only then is a report worth building. */
function logIsPrinted(execution: any): boolean {
  return execution.logger?.toConsole === true;
}

const originalReport = bpmn.Execution.prototype.report;
bpmn.Execution.prototype.report = function report(this: any) {
  if (logIsPrinted(this)) originalReport.call(this);
};

/** bpmn-server's Execution.save, step for step, without stringifying the instance data into the log line. */
bpmn.Execution.prototype.save = async function save(this: any) {
  this.log(logIsPrinted(this) ? `..Saving instance ${this.instance.id}${JSON.stringify(this.instance.data)}` : `..Saving instance ${this.instance.id}`);
  const state = this.getState();
  this.state = state;
  await this.doExecutionEvent(this, bpmn.EXECUTION_EVENT.process_saving);
  await this.server.dataStore.saveInstance(state, this.options);
  await this.server.logger.saveForInstance(this.instance.id);
};

const PARSED_MODELS_KEPT = 50;
const parsedModels = new Map<string, Promise<unknown>>();
bpmn.Definition.prototype.getDefinition = function getDefinition(this: any, source: string) {
  let parsed = parsedModels.get(source);
  if (!parsed) {
    parsed = this.moddle.fromXML(source);
    parsed!.catch(() => parsedModels.delete(source));
    parsedModels.set(source, parsed!);
    if (parsedModels.size > PARSED_MODELS_KEPT) parsedModels.delete(parsedModels.keys().next().value!);
  }
  return parsed;
};

export { bpmn, BehaviourLoader, Behaviour_names };
