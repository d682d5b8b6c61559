/**
 * The deployment gate's one message catalogue, English and Chinese. Rules report a key and parameters; the locale of
 * the lint context (the request's Accept-Language on the server, the console's language in the modeler) picks the text.
 */
export type Locale = 'en' | 'zh';

const en = {
  'rule-failed': 'the check {rule} could not examine this diagram at this element, so it is refused; the failure was logged for the operator',
  'process-required': 'defines no process, so there is nothing to deploy',
  'process-key-mismatch': 'the executable process id "{processId}" does not match the process key "{key}" it is deployed as; '
    + 'deploy it as "{processId}" or give the process the id "{key}"',
  'process-key-missing': 'has no executable process; the process key "{key}" needs a process with isExecutable="true" and id "{key}"',
  'process-key-several': 'defines several executable processes ({ids}); a deployment under the key "{key}" must contain exactly one',
  'user-task-assignment': 'has no camunda:candidateGroups, camunda:candidateUsers or camunda:assignee, so nobody can claim it',
  'unknown-group': 'has candidate group "{group}", which is not a known role{suggestion} (known: {known})',
  'handler-missing': 'names no handler: set implementation or camunda:delegateExpression to a known service handler',
  'handler-unknown': 'calls handler "{handler}", which is not a known service handler{suggestion} (known: {known})',
  'business-rule-task': 'has no camunda:decisionRef: bpmn-server runs business rule tasks only as DMN decisions and never calls their implementation, so this task does nothing',
  'script-task': 'runs the script {script}: {advice}',
  'script-listener': 'has a {kind} ({event}) running the script {script}: {advice}',
  'script-standalone': '{subject} a camunda:script running {script}: {advice}',
  'script-assignment': 'has camunda:{attribute} {value}, which bpmn-server runs as a script because it starts with "#": {advice}',
  'script-advice': 'scripts run as unrestricted JavaScript and are not allowed; use a serviceTask with a known handler or a FEEL expression',
  'expression-rejected': '{subject} {source} is rejected: {reason}',
  'condition-empty': 'has an empty conditionExpression, so the flow is never taken',
  'called-element-missing': 'calls no process: calledElement is empty',
  'called-element-unknown': 'calls process "{process}", which is not deployed',
  'camunda-prefix': 'the camunda namespace is bound to the prefix "{prefix}"; bpmn-server only understands "camunda:"',
  'timer-none': 'has a timer without timeDuration, timeDate or timeCycle, so it can never fire',
  'timer-several': 'has a timer with several of timeDuration, timeDate and timeCycle; give exactly one',
  'timer-duration': 'has timer timeDuration "{value}", which is neither an ISO-8601 duration (e.g. PT30M, P3D, PT2H) nor a FEEL expression ${…}',
  'timer-date': 'has timer timeDate "{value}", which is neither an ISO-8601 date-time (e.g. 2026-12-01T09:00:00+08:00) nor a FEEL expression ${…}',
  'timer-cycle': 'has a repeating timer (timeCycle "{value}"), which the durable timers do not run; use a timeDuration timer, '
    + 'and model repetition as a flow back through it',
  'unknown-variable': '{subject} reads "{variable}", which the process does not have at this point (it can read start data, '
    + 'form fields of earlier tasks and outputs declared by earlier handlers){suggestion}',
  'unknown-variable-undeclared': '{subject} reads "{variable}", which is not start data, a form field of an earlier task or a declared '
    + 'handler output; it may come from {handlers}, which declare no outputs{suggestion}',
  'did-you-mean': '; did you mean "{name}"?',
  'form-problem': 'form: {problem}',
  'parse': '{text}',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'rule-failed': '检查项 {rule} 无法检查此元素，图已被拒绝；失败原因已记入运维日志',
  'process-required': '没有定义流程，无可部署内容',
  'process-key-mismatch': '可执行流程的 id “{processId}” 与部署用的流程标识 “{key}” 不一致；请以 “{processId}” 部署，或把流程 id 改为 “{key}”',
  'process-key-missing': '没有可执行流程；流程标识 “{key}” 需要一个 isExecutable="true" 且 id 为 “{key}” 的流程',
  'process-key-several': '定义了多个可执行流程（{ids}）；以 “{key}” 部署时只能包含一个',
  'user-task-assignment': '未设置 camunda:candidateGroups、camunda:candidateUsers 或 camunda:assignee，无人能认领此任务',
  'unknown-group': '的候选组 “{group}” 不是已知角色{suggestion}（已知：{known}）',
  'handler-missing': '未指定处理程序：请把 implementation 或 camunda:delegateExpression 设为已注册的服务处理程序',
  'handler-unknown': '调用的处理程序 “{handler}” 未注册{suggestion}（已注册：{known}）',
  'business-rule-task': '没有 camunda:decisionRef：bpmn-server 只把业务规则任务当作 DMN 决策执行，从不调用其 implementation，此任务不会做任何事',
  'script-task': '运行脚本 {script}：{advice}',
  'script-listener': '的 {kind}（{event}）运行脚本 {script}：{advice}',
  'script-standalone': '{subject} camunda:script，运行 {script}：{advice}',
  'script-assignment': '的 camunda:{attribute} 为 {value}，以 “#” 开头会被 bpmn-server 当作脚本执行：{advice}',
  'script-advice': '脚本以不受限的 JavaScript 运行，不允许使用；请改用已注册处理程序的服务任务或 FEEL 表达式',
  'expression-rejected': '{subject} {source} 被拒绝：{reason}',
  'condition-empty': '的条件表达式为空，此连线永远不会走',
  'called-element-missing': '未指定被调用的流程：calledElement 为空',
  'called-element-unknown': '调用的流程 “{process}” 尚未部署',
  'camunda-prefix': 'camunda 命名空间绑定到了前缀 “{prefix}”；bpmn-server 只识别 “camunda:”',
  'timer-none': '的定时器没有 timeDuration、timeDate 或 timeCycle，永远不会触发',
  'timer-several': '的定时器同时设置了 timeDuration、timeDate、timeCycle 中的多项；只能设置一项',
  'timer-duration': '的定时器 timeDuration “{value}” 既不是 ISO-8601 时长（如 PT30M、P3D、PT2H），也不是 FEEL 表达式 ${…}',
  'timer-date': '的定时器 timeDate “{value}” 既不是 ISO-8601 日期时间（如 2026-12-01T09:00:00+08:00），也不是 FEEL 表达式 ${…}',
  'timer-cycle': '使用了循环定时器（timeCycle “{value}”），持久化定时器不支持；请改用 timeDuration 定时器，并用回流连线表示重复',
  'unknown-variable': '{subject} 读取了 “{variable}”，流程在此处没有该变量（只能读取启动数据、之前任务的表单字段和之前处理程序声明的输出）{suggestion}',
  'unknown-variable-undeclared': '{subject} 读取了 “{variable}”，它不是启动数据、之前任务的表单字段或已声明的处理程序输出；'
    + '可能来自未声明输出的 {handlers}{suggestion}',
  'did-you-mean': '；是否应为 “{name}”？',
  'form-problem': '表单：{problem}',
  'parse': '{text}',
};

const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type MessageParams = Readonly<Record<string, string | number>>;

export function message(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `zh`, `zh-CN`, `zh-Hans;q=0.9, en;q=0.8` → zh; anything else → en. The first listed language decides. */
export function localeOf(acceptLanguage: string | undefined | null): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

/**
 * bpmnlint's own (recommended) rules answer in English; their known messages are translated here so a Chinese
 * process owner reads the whole answer in Chinese. Unknown messages stay as they are.
 */
const BPMNLINT_ZH: Array<[RegExp, string]> = [
  [/^Element is missing label\/name$/, '元素缺少名称'],
  [/^Element is not connected$/, '元素没有连接'],
  [/^Element is missing (?:an )?end event$/i, '缺少结束事件'],
  [/^Process is missing end event$/, '流程缺少结束事件'],
  [/^Process is missing start event$/, '流程缺少开始事件'],
  [/^Element is missing start event$/, '缺少开始事件'],
  [/^Element has implicit end$/, '元素隐式结束（没有出口连线）'],
  [/^Element has implicit start$/, '元素隐式开始（没有入口连线）'],
  [/^Flow splits implicitly$/, '连线隐式分叉，请使用网关'],
  [/^Incoming flows do not join$/, '多条入口连线未经网关汇合'],
  [/^Sequence flow is missing condition$/, '连线缺少条件'],
  [/^Gateway is superfluous\. It only has one source and target\.$/, '网关多余：只有一个入口和一个出口'],
  [/^Element is a duplicate sequence flow$/, '重复的连线'],
  [/^Gateway forks and joins$/, '网关同时分叉和汇合'],
  [/^Element type <bpmn:InclusiveGateway> is discouraged$/, '不建议使用包容网关'],
  [/^Element type <bpmn:ComplexGateway> is discouraged$/, '不建议使用复杂网关'],
  [/^Start event must be blank$/, '开始事件必须为空事件'],
  [/^Event has multiple event definitions$/, '事件有多个事件定义'],
  [/^Element has non-unique id$/, '元素 id 重复'],
  [/^Element is missing a label$/, '元素缺少名称'],
];

export function translateBpmnlint(locale: Locale, text: string): string {
  if (locale === 'en') return text;
  const known = BPMNLINT_ZH.find(([pattern]) => pattern.test(text));
  return known ? known[1] : text;
}

/** The subject of an expression finding (`condition`, `timer timeDuration`, `output parameter "x"`) in the locale. */
export function subjectLabel(locale: Locale, subject: string): string {
  if (locale === 'en') return subject;
  return subject
    .replace(/^condition$/, '条件')
    .replace(/^timer /, '定时器 ')
    .replace(/^multi-instance /, '多实例 ')
    .replace(/^(input|output) parameter ("[^"]*")/, (_whole, direction: string, name: string) => `${direction === 'input' ? '输入' : '输出'}参数 ${name}`)
    .replace(/ list item (\d+)$/, ' 列表第 $1 项')
    .replace(/ map entry ("[^"]*")$/, ' 映射项 $1');
}
