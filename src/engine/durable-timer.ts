import dayjs from 'dayjs';
import durationPlugin from 'dayjs/plugin/duration';
import { BehaviourLoader, Behaviour_names, bpmn } from './bpmn-server-hardening';
import { Clock } from './clock';
import { recordFailure } from './failures';

dayjs.extend(durationPlugin);

export class TimerDefinitionError extends Error {
  constructor(elementId: string, reason: string) {
    super(`Timer "${elementId}": ${reason}`);
    this.name = 'TimerDefinitionError';
  }
}

const clockOf = (item: any): Clock => item.token.execution.appDelegate.clock;

/**
 * Computes when a timer is due (from the engine clock, an ISO-8601 duration, or a date expression over the
 * instance data) and stops there: the due time is saved with the item and the TimerPoller fires it.
 * bpmn-server's own behaviour would arm a setTimeout in this process and honour `forceTimersDelay`.
 */
class DurableTimerBehaviour extends bpmn.TimerBehaviour {
  async startTimer(item: any): Promise<void> {
    item.timeDue = await this.dueTime(item);
  }

  async timeDue(item: any): Promise<Date> {
    return this.dueTime(item);
  }

  private async dueTime(item: any): Promise<Date> {
    const self = this as any;
    const elementId = item.elementId ?? item.node?.id;
    const now = clockOf(item).now();
    if (self.timeCycle) throw recordFailure(new TimerDefinitionError(elementId, 'repeating timers (timeCycle) are not supported'));
    if (self.duration) {
      const expression = String(self.duration).trim();
      const value = expression.startsWith('$') ? await item.context.scriptHandler.evaluateExpression(item, expression) : expression;
      const ms = durationMs(value);
      if (ms === null) throw recordFailure(new TimerDefinitionError(elementId, `"${value}" is not an ISO-8601 duration`));
      return new Date(now.getTime() + ms);
    }
    if (self.timeDate) {
      const expression = String(self.timeDate).trim();
      const value = expression.startsWith('$') ? await item.context.scriptHandler.evaluateExpression(item, expression) : expression;
      const date = value instanceof Date ? value : new Date(String(value));
      if (value == null || Number.isNaN(date.getTime())) {
        throw recordFailure(new TimerDefinitionError(elementId, `date expression ${expression} gave ${JSON.stringify(value)}`));
      }
      return date;
    }
    throw recordFailure(new TimerDefinitionError(elementId, 'no timeDuration or timeDate'));
  }
}

function durationMs(value: unknown): number | null {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || !/^P/.test(value)) return null;
  const ms = dayjs.duration(value).asMilliseconds();
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

BehaviourLoader.register(Behaviour_names.TimerEventDefinition, (node: unknown, def: unknown) => new (DurableTimerBehaviour as any)(node, def));

export const durableTimersInstalled = true;
