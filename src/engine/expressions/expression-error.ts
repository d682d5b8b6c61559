/** A diagram expression that was rejected (does not parse, or uses something outside the restricted language) or failed to evaluate. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Rejected expression \`${expression}\`: ${reason}`);
  }
}
