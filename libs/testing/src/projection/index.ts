export * from './new-id.factory';
export * from './job-task-event.factory';
export * from './event-message.factory';
export * from './projection.scenario';
export * from './document-size.measure';
export * from './job-task-event.arbitrary';
