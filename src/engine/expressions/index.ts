export { allowedFunctionNames } from './allowed-functions';
export type { ExpressionCheck } from './check';
export { expressionContext, type ExpressionContext, type ExpressionScope } from './context';
export { checkExpression, evaluateExpression } from './evaluate';
export { ExpressionError } from './expression-error';
export { freeVariables } from './free-variables';
