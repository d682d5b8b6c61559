/** Values of an enum form field that come from configuration instead of the diagram. */
export type FormOptionSource = () => ReadonlyArray<{ id: string; name: string }>;

/**
 * Named lists a diagram's enum fields may take their values from, e.g. the policy's departments:
 * `<camunda:properties><camunda:property id="options" value="departments" /></camunda:properties>`.
 * The application registers them; the deployment gate rejects a diagram naming an unknown one.
 */
export class FormOptionSources {
  private readonly sources = new Map<string, FormOptionSource>();

  register(name: string, source: FormOptionSource): this {
    if (this.sources.has(name)) throw new Error(`Form option source "${name}" is registered twice`);
    this.sources.set(name, source);
    return this;
  }

  names(): ReadonlySet<string> {
    return new Set(this.sources.keys());
  }

  valuesOf(name: string): Array<{ id: string; name: string }> {
    const source = this.sources.get(name);
    if (!source) throw new Error(`Form option source "${name}" is not registered`);
    return source().map(({ id, name: label }) => ({ id, name: label }));
  }
}
