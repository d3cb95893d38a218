export * from '../results/index.js';
