import fs from 'node:fs';
import path from 'node:path';
import { extractDiagram, writeLayout, type ModdleLike } from '../../src/engine/definitions/layout';
import { bpmnModdle } from '../../src/engine/definitions/lint/moddle';
import { describeChange, diffDefinitions, type DiffModdleElement } from '../../web/src/owner/modeler/diff';

const parse = async (xml: string) => (await bpmnModdle().fromXML(xml)).rootElement as unknown as DiffModdleElement;
// a fixed copy of the lifecycle (the shipped diagram keeps changing)
const lifecycle = fs.readFileSync(path.join(__dirname, '../fixtures/layout/extended-lifecycle.bpmn'), 'utf8');

describe('the diff shown before a deployment', () => {
  test('the same process with a layout (and incoming/outgoing lists) has no changes', async () => {
    const laidOut = writeLayout(lifecycle, extractDiagram((await bpmnModdle().fromXML(lifecycle)).rootElement as unknown as ModdleLike));
    expect(laidOut).toContain('<bpmndi:BPMNShape');
    expect(diffDefinitions(await parse(lifecycle), await parse(laidOut))).toEqual([]);
  });

  test('lists an inserted step, the re-pointed flow and a changed group in Chinese', async () => {
    const edited = lifecycle
      .replace('<bpmn:sequenceFlow id="toClose" sourceRef="closeReview" targetRef="close" />',
        '<bpmn:sequenceFlow id="toClose" sourceRef="closeReview" targetRef="qualityReview" />\n'
        + '<bpmn:userTask id="qualityReview" name="质量复核" camunda:candidateGroups="division-leader" />\n'
        + '<bpmn:sequenceFlow id="reviewedToClose" sourceRef="qualityReview" targetRef="close" />')
      .replace('<bpmn:userTask id="callback" name="回访" camunda:candidateGroups="service-desk"', '<bpmn:userTask id="callback" name="回访" camunda:candidateGroups="quality"');
    const changes = diffDefinitions(await parse(lifecycle), await parse(edited)).map(describeChange);
    expect(changes).toEqual([
      '新增 人工任务「质量复核」（qualityReview）',
      '新增 连线（reviewedToClose）',
      '修改 人工任务「回访」（callback）：候选组',
      '修改 连线（toClose）：终点',
    ]);
  });

  test('a removed step, a changed form field and a changed condition', async () => {
    const edited = lifecycle
      .replace(/\s*<bpmn:sequenceFlow id="toSuggestionEnd"[^>]*\/>\s*<bpmn:endEvent id="suggestionAnswered"[^>]*\/>/, '')
      .replace('label="回访记录" type="string"', 'label="回访记录（含客户原话）" type="string"')
      .replace('${severity = "major"}</bpmn:conditionExpression>', '${severity = "major" or isRepeat = true}</bpmn:conditionExpression>');
    const changes = diffDefinitions(await parse(lifecycle), await parse(edited)).map(describeChange);
    expect(changes).toContain('删除 结束事件「建议已答复」（suggestionAnswered）');
    expect(changes).toContain('删除 连线（toSuggestionEnd）');
    expect(changes).toContain('修改 人工任务「回访」（callback）：扩展设置（表单、输入输出）');
    expect(changes).toContain('修改 连线「重大」（isMajor）：条件');
  });
});
