export { TaskUseCases, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type TaskFilters, type PageRequest, type CompleteTaskInput, type CompletedTask } from './task-use-cases';
export type { TaskSummary, TaskDetail, TaskPage } from './task-view';
