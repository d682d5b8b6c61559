export * from './complaint-view';
export * from './registration';
export * from './queries';
