/** One choice of an enum form field. */
export interface FormOption {
  id: string;
  name: string;
}

/**
 * Named lists of choices an enum form field can take its values from at run time, instead of listing them in
 * the diagram: `<camunda:properties><camunda:property id="options" value="report-groups" /></camunda:properties>`.
 * The application registers each source from its own configuration, so the list has one owner.
 */
export class FormOptionSources {
  private readonly sources = new Map<string, () => FormOption[]>();

  register(name: string, source: () => FormOption[]): this {
    if (this.sources.has(name)) throw new Error(`Form option source "${name}" is registered twice`);
    this.sources.set(name, source);
    return this;
  }

  has(name: string): boolean {
    return this.sources.has(name);
  }

  options(name: string): FormOption[] {
    const source = this.sources.get(name);
    if (!source) throw new Error(`No form option source "${name}" is registered`);
    return source();
  }
}
