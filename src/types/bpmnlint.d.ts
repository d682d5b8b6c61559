// bpmnlint ships its rules and configs as CommonJS without typings; the lint config imports them statically.
declare module 'bpmnlint/rules/*' {
  const rule: (config?: unknown) => { check(node: unknown, reporter: { report(id: string | undefined, message: string): void }): void };
  export default rule;
}
declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, string> };
  export default config;
}
