export * from './api-keys';
export * from './app-config';
export * from './config-error';
export * from './unknown-variables';
