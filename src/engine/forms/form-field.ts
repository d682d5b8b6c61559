/** Field types a diagram may declare with `camunda:formField type="…"`. */
export const FORM_FIELD_TYPES = ['string', 'long', 'boolean', 'date', 'enum'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Constraints a diagram may declare with `camunda:constraint name="…" config="…"`. */
export const FORM_CONSTRAINT_NAMES = ['required', 'minlength', 'maxlength', 'min', 'max', 'pattern'] as const;
export type FormConstraintName = (typeof FORM_CONSTRAINT_NAMES)[number];

export interface FormFieldConstraints {
  required: boolean;
  minlength?: number;
  maxlength?: number;
  min?: number;
  max?: number;
  pattern?: string;
}

/** One field of a user task's form, as the diagram declares it. */
export interface FormField {
  id: string;
  label: string;
  type: FormFieldType;
  /** The allowed values of an enum field (`camunda:value id name`); empty for other types. */
  values: Array<{ id: string; name: string }>;
  /**
   * An enum field whose values come from a registered option source (`camunda:property id="options" value="…"`);
   * the task list fills `values` from it.
   */
  optionsFrom?: string;
  constraints: FormFieldConstraints;
  defaultValue?: string;
  /**
   * A FEEL condition on the instance data (`camunda:property id="visibleWhen"`): a user task asks for the field only
   * while it is true, e.g. `${severity = "minor"}`. Without one the field is always asked.
   */
  visibleWhen?: string;
}

/** A user task's form: its fields in diagram order. A task without `camunda:formData` has none. */
export type TaskForm = FormField[];
