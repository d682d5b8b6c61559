// Pure: the console's modeler imports this module too.

/** BPMN element types as process owners read them in Chinese (the deployment diff, migration plans). */
const ELEMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  'bpmn:UserTask': '人工任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:Task': '任务',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:IntermediateThrowEvent': '中间事件',
  'bpmn:IntermediateCatchEvent': '中间事件',
  'bpmn:SequenceFlow': '连线',
  'bpmn:SubProcess': '子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:Process': '流程',
};

/** `人工任务` for bpmn:UserTask; an unlisted type without its prefix. */
export function elementTypeLabel(type: string): string {
  return ELEMENT_TYPE_LABELS[type] ?? type.replace(/^bpmn:/, '');
}
