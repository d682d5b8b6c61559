export { FORM_CONSTRAINT_NAMES, FORM_FIELD_TYPES, type FormField, type FormFieldConstraints, type FormFieldType, type TaskForm } from './form-field';
export { FormDefinitionError, formProblems, parseForms, parseStartForm } from './parse-forms';
export { validateForm } from './validate-form';
export { FormCatalog } from './form-catalog';
export { FormOptionSources, type FormOptionSource } from './form-options';
export { askedFields } from './asked-fields';
