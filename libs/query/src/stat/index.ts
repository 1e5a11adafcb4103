export * from './stat.types';
export { jobTaskStatQuerySchema, statisticsQuerySchema } from './parse/stat.schema';
export { parseStatRequest } from './parse/stat-request.parser';
export { runStat } from './stat.runner';
export { choosePlan, type StatPlan } from './plan/plan.selector';
export { runStatOverDocuments } from './in-memory/in-memory.runner';
