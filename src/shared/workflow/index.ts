export * from './reportMachine';
export * from './lifecycle';
export * from './format';
export * from './events';
