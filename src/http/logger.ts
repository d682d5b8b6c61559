/** Where the HTTP layer reports failures nobody else handles. */
export interface HttpLogger {
  error(message: string, error: unknown): void;
}

export const consoleLogger: HttpLogger = {
  error: (message, error) => console.error(message, error),
};
