export * from './reportMachine';
export * from './lifecycle';
export * from './format';
