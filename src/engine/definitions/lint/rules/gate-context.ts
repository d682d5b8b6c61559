import type { Locale } from './messages';

/** A variable a handler reads or writes, or start data a process is given (GET /handlers shows these). */
export interface VariableDeclaration {
  name: string;
  type?: string;
  description?: string;
}

/**
 * Everything our rules know beyond the diagram. Plain JSON (lists, records) so the modeler in the browser can fetch
 * it from the server and lint with exactly the server's rules.
 */
export interface GateContext {
  locale?: Locale;
  /** The key the diagram is deployed as; its executable process id must match. Omitted: not checked. */
  processKey?: string;
  /** Registered service handler names. */
  knownHandlers: readonly string[];
  /** Outputs each handler declares; a handler missing here declared none (its outputs are unknown). */
  handlerOutputs?: Readonly<Record<string, readonly string[]>>;
  /** Candidate groups (roles) user tasks may name. Omitted: not checked. */
  knownRoles?: readonly string[];
  /** Processes a callActivity may call. Omitted: calledElement is only required to be present. */
  knownProcesses?: readonly string[];
  /**
   * Data the code that starts this process passes (e.g. the complaint registration), besides the start event's
   * form fields. Omitted together with handlerOutputs: variables are not checked.
   */
  startData?: readonly string[];
  /** Receives the internal error of a rule that crashed on an element; the issue itself only says the check failed. */
  reportRuleFailure?: (rule: string, message: string) => void;
}

/** Variables every expression sees whatever the process (see src/engine/expressions/context.ts). */
export const ALWAYS_AVAILABLE_VARIABLES = ['data', 'input', 'output', 'item', 'instance', 'businessKey'];
