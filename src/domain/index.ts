/** The pure domain layer: no Express, TypeORM or bpmn-server in here. */
export * from './errors';
export * from './money';
export * from './calendar';
export * from './policy';
export * from './sla';
export * from './complaint';
export * from './numbering';
export * from './fines';
export * from './roles';
export * from './instants';
