export * from './reportMachine';
export * from './lifecycle';
export * from './status';
export * from './format';
