import type { Pack } from '../acts/primitives.js';
import { localDateOf } from './calendar.js';
import { cnCivil, cnCivilTortLaw, cnEcom, cnRndi } from './cn.js';
import { euDsa, euEcd } from './eu-dsa.js';
import { jpIdpa, jpIdpaBeforeIdpa, jpPlla } from './jp.js';
import { packVersion, type RulePack } from './rule-pack.js';
import { usDmca } from './us-dmca.js';

/** A pack version with the dates its law was in force (local dates in the regime's legal time zone; `until` excluded). */
export interface RegisteredPack {
  pack: RulePack;
  from: string;
  until?: string;
  zone: string;
  /** The provision that puts the law this version applies in force. */
  inForceBy: string;
}

/**
 * Every rule pack version, keyed by id and version, with effective dates (JURISDICTIONS.md §1.5): a
 * case is judged by the version in force when its notice was received. A later version of a law is
 * a new entry whose `from` is the previous entry's `until`.
 */
export const PACK_REGISTRY: readonly RegisteredPack[] = [
  { pack: usDmca, from: '1998-10-28', zone: 'America/New_York', inForceBy: 'Digital Millennium Copyright Act, Pub. L. 105-304, §512 effective on enactment (28 October 1998)' },
  { pack: euEcd, from: '2002-01-17', until: '2024-02-17', zone: 'Europe/Brussels', inForceBy: 'E-Commerce Directive 2000/31/EC Art 22(1): transposed by 17 January 2002; replaced for liability by DSA Arts 4-8 (DSA Art 89)' },
  { pack: euDsa, from: '2024-02-17', zone: 'Europe/Brussels', inForceBy: 'DSA Art 93(2): applies from 17 February 2024' },
  { pack: cnCivilTortLaw, from: '2010-07-01', until: '2021-01-01', zone: 'Asia/Shanghai', inForceBy: 'Tort Law Art 92: in force from 1 July 2010; repealed by Civil Code Art 1260' },
  { pack: cnCivil, from: '2021-01-01', zone: 'Asia/Shanghai', inForceBy: 'Civil Code Art 1260: in force from 1 January 2021' },
  { pack: cnEcom, from: '2019-01-01', zone: 'Asia/Shanghai', inForceBy: 'E-Commerce Law Art 89: in force from 1 January 2019' },
  { pack: cnRndi, from: '2021-01-01', zone: 'Asia/Shanghai', inForceBy: 'RNDI Regulations (2013) read with Civil Code Art 1196, in force from 1 January 2021' },
  { pack: jpPlla, from: '2022-10-01', zone: 'Asia/Tokyo', inForceBy: 'PLLA as amended by Act No. 27 of 2021 (disclosure-order procedure), in force from 1 October 2022' },
  { pack: jpIdpaBeforeIdpa, from: '2022-10-01', until: '2025-04-01', zone: 'Asia/Tokyo', inForceBy: 'PLLA as amended by Act No. 27 of 2021; the IDPA duties of large providers not yet in force' },
  { pack: jpIdpa, from: '2025-04-01', zone: 'Asia/Tokyo', inForceBy: 'Information Distribution Platform Act (Act No. 25 of 2024), in force from 1 April 2025' },
];

const byVersion = new Map(PACK_REGISTRY.map((entry) => [packVersion(entry.pack), entry]));

/** Every registered version (`us-dmca@2026.2`), sorted. */
export const registeredVersions = (): string[] => [...byVersion.keys()].sort();

/** The ids that have at least one version. */
export const registeredIds = (): Pack[] => [...new Set(PACK_REGISTRY.map((entry) => entry.pack.id))].sort();

/** A version by its label, as verdicts, bundles and the projections name it. */
export function packOfVersion(version: string): RulePack | undefined {
  return byVersion.get(version)?.pack;
}

/** The registry entry of the version of `id` in force at an instant, if any. */
export function entryInForce(id: Pack | string, at: string): RegisteredPack | undefined {
  return PACK_REGISTRY.find((entry) => {
    if (entry.pack.id !== id) return false;
    const day = localDateOf(at, entry.zone);
    return entry.from <= day && (!entry.until || day < entry.until);
  });
}

/** The latest version of a pack (the one a report as of today applies to provider-level duties). */
export function latestPack(id: Pack | string): RulePack | undefined {
  return PACK_REGISTRY.filter((entry) => entry.pack.id === id).sort((a, b) => (a.from < b.from ? 1 : -1))[0]?.pack;
}

/**
 * The version that judges a case whose notice arrived at `at`: the one in force then. Before the
 * earliest version took effect there is none in force; the earliest judges, and says so.
 */
export function packForCase(id: Pack | string, at: string): { pack: RulePack; inForce: boolean } | undefined {
  const entry = entryInForce(id, at);
  if (entry) return { pack: entry.pack, inForce: true };
  const earliest = PACK_REGISTRY.filter((e) => e.pack.id === id).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  return earliest && { pack: earliest.pack, inForce: false };
}

/** The version of `id` in force at an instant, else its latest: what provider-level standing as of then applies. */
export function packAsOf(id: Pack | string, at: string): RulePack | undefined {
  return entryInForce(id, at)?.pack ?? latestPack(id);
}
