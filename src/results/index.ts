/**
 * The results contract: the one plain object an audit produces (`audit.json`), with its parts for
 * discovery, masking and a baseline comparison. It sits below every stage: stages import it, and it
 * imports nothing from them (only the config types it echoes). See README's layout map.
 */
export * from './audit.js';
export * from './comparison.js';
export * from './discovery.js';
export * from './input.js';
export * from './masking.js';
export * from './representativeness.js';
