import { evaluateExpression, expressionContext } from './expressions';
import { Clock } from './clock';
import { recordFailure } from './failures';

export class ScriptNotAllowedError extends Error {
  constructor(where: string) {
    super(`Scripts are not allowed in diagrams (${where}); use an expression or a registered service handler`);
    this.name = 'ScriptNotAllowedError';
  }
}

/**
 * Replaces bpmn-server's ScriptHandler, which runs diagram text as JavaScript with `Function(...)`.
 * Expressions are FEEL, evaluated by the restricted evaluator; scripts are refused outright.
 */
export class RestrictedScriptHandler {
  constructor(private readonly clock: Clock) {}

  async evaluateInputExpression(item: unknown, exp: string, dateFormat = false): Promise<unknown> {
    if (!exp) return undefined;
    let value: unknown;
    if (exp.startsWith('$')) value = await this.evaluateExpression(item, exp);
    else if (exp.includes(',')) value = exp.split(',');
    else value = exp;
    return dateFormat ? new Date(value as string) : value;
  }

  async evaluateExpression(scope: any, expression: string): Promise<unknown> {
    if (!expression) return undefined;
    try {
      return evaluateExpression(expression, expressionContext(scope, this.clock.now()));
    } catch (error) {
      throw recordFailure(error as Error);
    }
  }

  async executeScript(scope: any, _script: string): Promise<never> {
    const where = scope?.node?.id ?? scope?.elementId ?? 'unknown element';
    throw recordFailure(new ScriptNotAllowedError(where));
  }
}
