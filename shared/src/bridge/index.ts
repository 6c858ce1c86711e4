export * from './json';
export * from './protocol';
export * from './methods';
export * from './events';
export * from './error';
export * from './port-server';
export * from './host';
export type { ErrorCode } from '../errors';
