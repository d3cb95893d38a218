/**
 * What discovery says of each column (DESIGN §8): the results contract's types, re-exported for
 * the discovery stage and its callers.
 */
export type { ColumnCategory, ColumnFinding, DiscoveryResult, IdentifierKind, ProtectedKind, ProxyLink } from '../results/discovery.js';
