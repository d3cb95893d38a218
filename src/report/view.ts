export * from './view/index.js';
