export * from './stat.types';
export { jobTaskStatQuerySchema, statisticsQuerySchema } from './stat.schema';
export { parseStatRequest } from './stat-request.parser';
export { runStat } from './stat.runner';
export { choosePlan, type StatPlan } from './plan.selector';
export { runStatOverDocuments } from './in-memory.runner';
