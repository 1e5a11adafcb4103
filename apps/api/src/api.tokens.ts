export const API_CONFIG = Symbol('API_CONFIG');
export const ELASTICSEARCH_CLIENT = Symbol('ELASTICSEARCH_CLIENT');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
