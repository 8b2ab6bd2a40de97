import type { ProviderKind } from '../acts/primitives.js';
import type { Citation } from './rule-pack.js';

/**
 * How a regime classes a provider's service: the role its rules are written for, and the source
 * that puts the kind there. Infrastructure kinds (cloud, CDN, DNS, access, data centre) fall under
 * different roles in each regime, which is where the regimes diverge.
 */
export type ServiceRole = 'hosting' | 'platform' | 'caching' | 'conduit' | 'search' | 'basic_network';

export interface ServiceClass extends Citation {
  kind: ProviderKind | 'unknown';
  role: ServiceRole;
}

export type ServiceTable = Readonly<Record<ProviderKind, { role: ServiceRole } & Citation>>;

/** The class of a provider's kind in a regime's table; a provider of no declared kind is taken as a host, and said so. */
export function classify(table: ServiceTable, kind: ProviderKind | undefined): ServiceClass {
  if (!kind) return { kind: 'unknown', role: 'hosting', source: 'no provider kind registered: judged as a host', basis: 'default' };
  return { kind, ...table[kind] };
}
