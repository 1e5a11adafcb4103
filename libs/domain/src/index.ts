export * from './job-task-document';
