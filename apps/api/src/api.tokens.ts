export const API_CONFIG = Symbol('API_CONFIG');
export const ELASTICSEARCH_CLIENT = Symbol('ELASTICSEARCH_CLIENT');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/** The API's notion of `now` (timediff operators); tests pin it to compare with a reference. */
export const API_CLOCK = Symbol('API_CLOCK');
export type Clock = () => Date;
