import type { ProjectorConfig } from '@app/config';

export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');
export const ELASTICSEARCH_CLIENT = Symbol('ELASTICSEARCH_CLIENT');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const KAFKA = Symbol('KAFKA');

export type { ProjectorConfig };
