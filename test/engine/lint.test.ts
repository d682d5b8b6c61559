import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLintIssue, lintDefinition, type LintIssue, type LintOptions } from '../../src/engine/definitions/lint';
import { checkDiagram } from '../../src/engine/definitions/gate';

const options: LintOptions = { knownHandlers: new Set(['complaints.notifyCustomer', 'complaints.escalate']) };

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../fixtures/lint', name), 'utf8');
}

/** 1-based line of the first occurrence of `text`, computed independently of the linter. */
function lineOf(xml: string, text: string): number {
  const index = xml.indexOf(text);
  if (index < 0) throw new Error(`${text} not in the diagram`);
  return xml.slice(0, index).split('\n').length;
}

function errors(issues: LintIssue[]): LintIssue[] {
  return issues.filter((issue) => issue.severity === 'error');
}

/** A start event → `elements` → end event process; `elements` must use the ids Flow_In/Flow_Out to join up. */
function processXml(elements: string, namespaces = 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${namespaces}
    id="Definitions_Inline" targetNamespace="http://complaint-flow/bpmn">
  <bpmn:process id="Complaint_Inline" name="投诉" isExecutable="true">
    <bpmn:startEvent id="Start" name="开始"><bpmn:outgoing>Flow_In</bpmn:outgoing></bpmn:startEvent>
${elements}
    <bpmn:endEvent id="End" name="结束"><bpmn:incoming>Flow_Out</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_In" sourceRef="Start" targetRef="Task" />
    <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
}

function task(tag: string, attributes: string, children = ''): string {
  return `    <bpmn:${tag} id="Task" name="任务" ${attributes}>
      ${children}
      <bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>
    </bpmn:${tag}>`;
}

describe('lintDefinition on the fixtures', () => {
  it('passes a valid minimal process with a user task, a gateway condition and a service task', async () => {
    expect(await lintDefinition(fixture('valid-minimal.bpmn'), options)).toEqual([]);
  });

  it('reports XML that does not parse with its line and column', async () => {
    const xml = fixture('broken-xml.bpmn');
    expect(await lintDefinition(xml, options)).toEqual([
      {
        severity: 'error',
        rule: 'bpmn-parse',
        message: 'unparsable content </bpmn:serviceTask>: closing tag mismatch',
        line: lineOf(xml, '</bpmn:serviceTask>'),
        column: 5,
      },
    ]);
  });

  it('rejects a service task whose handler is unknown', async () => {
    const xml = fixture('unknown-handler.bpmn');
    const [issue, ...others] = await lintDefinition(xml, options);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      severity: 'error',
      rule: 'complaint-flow/known-handler',
      elementId: 'Task_Refund',
      line: lineOf(xml, '<bpmn:serviceTask id="Task_Refund"'),
      column: 5,
    });
    expect(issue.message).toBe(
      'serviceTask "退款" (Task_Refund): calls handler "payments.refundEverything", which is not a known service handler (known: complaints.escalate, complaints.notifyCustomer)',
    );
  });

  it('rejects a script task', async () => {
    const xml = fixture('script-task.bpmn');
    const [issue, ...others] = await lintDefinition(xml, options);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      severity: 'error',
      rule: 'complaint-flow/no-scripts',
      elementId: 'Task_Script',
      line: lineOf(xml, 'id="Task_Script"'),
    });
    expect(issue.message).toContain('scriptTask "计算赔偿" (Task_Script): runs the script `require(\'child_process\').execSync(\'id\')`');
  });

  it('rejects a condition that is not a restricted expression', async () => {
    const xml = fixture('condition-require.bpmn');
    const [issue, ...others] = await lintDefinition(xml, options);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      severity: 'error',
      rule: 'complaint-flow/restricted-expressions',
      elementId: 'Flow_Major',
      line: lineOf(xml, 'id="Flow_Major"'),
    });
    expect(issue.message).toBe(
      'sequenceFlow "严重" (Flow_Major): condition `${require("child_process")}` is rejected: uses the name "require", which is forbidden in expressions (JavaScript globals and prototype members are blocked)',
    );
  });

  it('rejects a user task nobody can claim', async () => {
    const xml = fixture('user-task-without-group.bpmn');
    const issues = await lintDefinition(xml, options);
    expect(issues).toEqual([
      {
        severity: 'error',
        rule: 'complaint-flow/user-task-assignment',
        message: 'userTask "审核投诉" (Task_Review): has no camunda:candidateGroups, camunda:candidateUsers or camunda:assignee, so nobody can claim it',
        elementId: 'Task_Review',
        line: lineOf(xml, '<bpmn:userTask id="Task_Review"'),
        column: 5,
      },
    ]);
    expect(formatLintIssue(issues[0])).toBe(
      `line ${issues[0].line}:5 error complaint-flow/user-task-assignment: ${issues[0].message}`,
    );
  });
});

describe('lintDefinition rules', () => {
  const messagesOf = async (xml: string, lintOptions: LintOptions = options) =>
    errors(await lintDefinition(xml, lintOptions)).map((issue) => `${issue.rule} ${issue.elementId ?? '-'}: ${issue.message}`);

  it('accepts assignment by candidateUsers or assignee, and handlers named by delegateExpression', async () => {
    expect(await messagesOf(processXml(task('userTask', 'camunda:assignee="${customer.owner}"')))).toEqual([]);
    expect(await messagesOf(processXml(task('userTask', 'camunda:candidateUsers="zhangsan,lisi"')))).toEqual([]);
    expect(await messagesOf(processXml(task('sendTask', 'camunda:delegateExpression="complaints.escalate"')))).toEqual([]);
  });

  it('requires service, send and business rule tasks to name a handler', async () => {
    expect(await messagesOf(processXml(task('sendTask', '')))).toEqual([
      'complaint-flow/known-handler Task: sendTask "任务" (Task): names no handler: set implementation or camunda:delegateExpression to a known service handler',
    ]);
    const ruleTask = await lintDefinition(processXml(task('businessRuleTask', 'implementation="complaints.escalate"')), options);
    expect(ruleTask).toEqual([expect.objectContaining({ severity: 'warning', rule: 'complaint-flow/business-rule-task' })]);
  });

  it('rejects scripts in listeners, io parameters and "#" assignments', async () => {
    const xml = processXml(
      task(
        'userTask',
        'camunda:candidateGroups="#appServices.groups()"',
        `<bpmn:extensionElements>
          <camunda:executionListener event="start"><camunda:script scriptFormat="javascript">process.exit(1)</camunda:script></camunda:executionListener>
          <camunda:taskListener event="create"><camunda:script scriptFormat="javascript">task.assignee = 1</camunda:script></camunda:taskListener>
          <camunda:inputOutput>
            <camunda:inputParameter name="total"><camunda:script scriptFormat="javascript">global.x</camunda:script></camunda:inputParameter>
          </camunda:inputOutput>
        </bpmn:extensionElements>`,
      ),
    );
    const messages = await messagesOf(xml);
    expect(messages).toEqual([
      expect.stringMatching(/^complaint-flow\/no-scripts Task: .*camunda:candidateGroups `#appServices.groups\(\)`, which bpmn-server runs as a script/),
      expect.stringMatching(/^complaint-flow\/no-scripts Task: .*camunda:executionListener \(start\) running the script `process.exit\(1\)`/),
      expect.stringMatching(/^complaint-flow\/no-scripts Task: .*camunda:taskListener \(create\) running the script/),
      expect.stringMatching(/^complaint-flow\/no-scripts Task: .*input parameter "total" is a camunda:script running `global.x`/),
    ]);
  });

  it('checks every string the engine evaluates as an expression', async () => {
    const xml = processXml(
      task(
        'userTask',
        'camunda:candidateGroups="${groups.constructor}" camunda:dueDate="${now() + duration(&quot;P1D&quot;)}"',
        `<bpmn:extensionElements>
          <camunda:inputOutput>
            <camunda:inputParameter name="greeting">你好</camunda:inputParameter>
            <camunda:inputParameter name="owner">$customer.owner(</camunda:inputParameter>
            <camunda:inputParameter name="channels"><camunda:list><camunda:value>"hotline"</camunda:value><camunda:value>sendSms(1)</camunda:value></camunda:list></camunda:inputParameter>
            <camunda:outputParameter name="approved">output.approved</camunda:outputParameter>
            <camunda:outputParameter name="reviewer">this.user</camunda:outputParameter>
          </camunda:inputOutput>
        </bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="reviewers[" />`,
      ) +
        `
    <bpmn:boundaryEvent id="Timer" name="超时" attachedToRef="Task">
      <bpmn:outgoing>Flow_Timeout</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>\${eval("PT1H")}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Timer_Literal" name="提醒" attachedToRef="Task" cancelActivity="false">
      <bpmn:outgoing>Flow_Remind</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT48H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="Flow_Timeout" sourceRef="Timer" targetRef="End" />
    <bpmn:sequenceFlow id="Flow_Remind" sourceRef="Timer_Literal" targetRef="End" />`,
    );
    expect(await messagesOf(xml)).toEqual([
      expect.stringMatching(/Task: .*camunda:candidateGroups `\$\{groups.constructor\}` is rejected: uses the name "constructor"/),
      expect.stringMatching(/Task: .*input parameter "owner" `\$customer.owner\(` is rejected: syntax error/),
      expect.stringMatching(/Task: .*input parameter "channels" list item 2 `sendSms\(1\)` is rejected: calls "sendSms"/),
      expect.stringMatching(/Task: .*output parameter "reviewer" `this.user` is rejected: uses the name "this"/),
      expect.stringMatching(/Task: .*multi-instance camunda:collection `reviewers\[` is rejected: syntax error/),
      expect.stringMatching(/Timer: boundaryEvent "超时" \(Timer\): timer timeDuration `\$\{eval\("PT1H"\)\}` is rejected: uses the name "eval"/),
    ]);
  });

  it('requires call activities to call a known process when the known processes are given', async () => {
    const xml = processXml(task('callActivity', 'calledElement="penalty-approval"'));
    expect(await messagesOf(xml)).toEqual([]);
    expect(await messagesOf(xml, { ...options, knownProcesses: new Set(['penalty-approval']) })).toEqual([]);
    expect(await messagesOf(xml, { ...options, knownProcesses: new Set(['exemption-approval']) })).toEqual([
      'complaint-flow/known-called-process Task: callActivity "任务" (Task): calls process "penalty-approval", which is not deployed',
    ]);
  });

  it('reports what bpmn-moddle could not read, on the right line', async () => {
    const xml = processXml(task('userTask', 'camunda:candidateGroup="reviewers"', '<bpmn:notAnElement />'));
    const issues = errors(await lintDefinition(xml, options));
    expect(issues).toEqual([
      expect.objectContaining({
        rule: 'bpmn-parse',
        elementId: 'Task',
        message: 'userTask "任务" (Task): unknown attribute <camunda:candidateGroup>',
        line: lineOf(xml, '<bpmn:userTask'),
      }),
      expect.objectContaining({ rule: 'complaint-flow/user-task-assignment', elementId: 'Task' }),
      expect.objectContaining({
        rule: 'bpmn-parse',
        message: 'unparsable content <bpmn:notAnElement>: unknown type <bpmn:NotAnElement>',
        line: lineOf(xml, '<bpmn:notAnElement'),
        column: 7,
      }),
    ]);
  });

  it('rejects definitions without a process', async () => {
    const empty = '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Empty" targetNamespace="x" />';
    expect(await lintDefinition(empty, options)).toEqual([
      {
        severity: 'error',
        rule: 'complaint-flow/process-required',
        message: 'definitions (Empty): defines no process, so there is nothing to deploy',
        elementId: 'Empty',
        line: 2,
        column: 1,
      },
    ]);
  });

  it('reports input that is not BPMN at all on line 1', async () => {
    expect(await lintDefinition('', options)).toEqual([
      { severity: 'error', rule: 'bpmn-parse', message: 'unparsable content: missing start tag', line: 1, column: 1 },
    ]);
    expect(await lintDefinition('<complaint id="c1"/>', options)).toEqual([
      expect.objectContaining({ rule: 'bpmn-parse', message: 'failed to parse document as <bpmn:Definitions>', line: 1 }),
      expect.objectContaining({ rule: 'bpmn-parse', message: 'unparsable content <complaint>: unexpected element <complaint>' }),
    ]);
  });

  it('rejects a camunda namespace bound to another prefix, which bpmn-server would not see', async () => {
    const xml = processXml(task('userTask', 'c:candidateGroups="reviewers"'), 'xmlns:c="http://camunda.org/schema/1.0/bpmn"');
    expect(await messagesOf(xml)).toEqual([
      'complaint-flow/camunda-prefix -: the camunda namespace is bound to the prefix "c"; bpmn-server only understands "camunda:"',
    ]);
  });

  it('judges connectivity by sourceRef/targetRef, as the engine does, when <incoming>/<outgoing> are left out', async () => {
    const compact = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="compact" isExecutable="true">
    <bpmn:startEvent id="start" name="开始" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审核" camunda:candidateGroups="ops" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" name="结束" />
    <bpmn:userTask id="orphan" name="孤立" camunda:candidateGroups="ops" />
  </bpmn:process>
</bpmn:definitions>`;
    expect(await messagesOf(compact)).toEqual([
      'no-disconnected orphan: userTask "孤立" (orphan): Element is not connected',
      'no-implicit-end orphan: userTask "孤立" (orphan): Element is an implicit end',
      'no-implicit-start orphan: userTask "孤立" (orphan): Element is an implicit start',
    ]);
  });

  it('runs bpmnlint\'s recommended rules, without requiring diagram layout', async () => {
    const withoutEnd = processXml(task('userTask', 'camunda:candidateGroups="reviewers"'))
      .replace(/<bpmn:endEvent[^\n]*\n/, '')
      .replace(/<bpmn:sequenceFlow id="Flow_Out"[^\n]*\n/, '')
      .replace('<bpmn:outgoing>Flow_Out</bpmn:outgoing>', '');
    expect(await messagesOf(withoutEnd)).toEqual([
      'end-event-required Complaint_Inline: process "投诉" (Complaint_Inline): Process is missing end event',
      'no-implicit-end Task: userTask "任务" (Task): Element is an implicit end',
    ]);
  });
});

describe('the deployment gate remembers its findings per diagram', () => {
  it('Given the same diagram checked twice, then the second answer is the first one, whatever the first caller did with it', async () => {
    const xml = fixture('unknown-handler.bpmn');
    const first = await checkDiagram(xml, options);
    expect(first.map((issue) => issue.rule)).toEqual(['complaint-flow/known-handler']);
    first[0].message = 'changed by a caller';
    first.push({ severity: 'error', rule: 'made-up', message: 'added by a caller' });
    const second = await checkDiagram(xml, options);
    expect(second).toEqual(await lintDefinition(xml, options));
  });

  it('Given a context that changed (the handler got registered), then the diagram is checked again', async () => {
    const xml = fixture('unknown-handler.bpmn');
    expect(errors(await checkDiagram(xml, options))).toHaveLength(1);
    const registered = { knownHandlers: new Set([...options.knownHandlers, 'payments.refundEverything']) };
    expect(errors(await checkDiagram(xml, registered))).toEqual([]);
  });
});
