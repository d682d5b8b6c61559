import { diagramStructure } from '../../e2e/auditor/diagram-structure';

describe('browser-test support', () => {
  it('reads flows, boundary events and gateways from a diagram whatever the attribute order', () => {
    const structure = diagramStructure(`
      <bpmn:exclusiveGateway id="g1" name="重大?" />
      <sequenceFlow sourceRef="g1" id="f1" targetRef="t1" />
      <bpmn:boundaryEvent id="b1" name="超时" attachedToRef="t1" cancelActivity="false">`);
    expect(structure).toEqual({
      flows: [{ id: 'f1', source: 'g1', target: 't1' }],
      boundaryEvents: [{ id: 'b1', attachedTo: 't1' }],
      exclusiveGateways: ['g1'],
    });
  });

});
