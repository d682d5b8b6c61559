import { bodyOf } from './diagram-expressions';
import { propertyOf } from './elements';
import { defineRule, is } from './rule';

/** What dayjs.duration (the durable timer) reads: PnYnMnWnDTnHnMnS, at least one part. */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Timers the durable timers can run: one timeDuration (ISO-8601 or FEEL) or one timeDate (ISO-8601 or FEEL).
 * Repeating timers (timeCycle) are refused here rather than failing when an instance reaches them.
 */
export const timerDefinitions = defineRule('timer-definitions', (node, report) => {
  if (!is(node, 'bpmn:TimerEventDefinition')) return;
  const event = node.$parent ?? node;
  const text = (property: string) => bodyOf(propertyOf(node, property))?.trim() || undefined;
  const duration = text('timeDuration');
  const date = text('timeDate');
  const cycle = text('timeCycle');
  const given = [duration, date, cycle].filter((value) => value !== undefined).length;
  if (given === 0) return report(event, 'timer-none');
  if (given > 1) return report(event, 'timer-several');
  if (cycle !== undefined) return report(event, 'timer-cycle', { value: cycle });
  if (duration !== undefined && !isExpression(duration) && !ISO_DURATION.test(duration)) report(event, 'timer-duration', { value: duration });
  if (date !== undefined && !isExpression(date) && !(ISO_DATE_TIME.test(date) && !Number.isNaN(Date.parse(date)))) {
    report(event, 'timer-date', { value: date });
  }
});

function isExpression(text: string): boolean {
  return text.startsWith('$');
}
