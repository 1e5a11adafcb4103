export * from './field-registry';
