export * from './stat.types';
export { jobTaskStatQuerySchema } from './parse/stat.schema';
export { parseStatRequest } from './parse/stat-request.parser';
export { runStat } from './stat.runner';
