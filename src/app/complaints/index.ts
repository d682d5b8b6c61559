export * from './complaint-view';
export * from './registration';
export * from './queries';
export * from './search';
