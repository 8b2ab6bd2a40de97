import { accreditedAt, type PartyState } from './party/state.js';

/** The deployment's trust anchors (or operators): party id -> the Ed25519 public key (base64) it must register with. */
export type TrustAnchors = ReadonlyMap<string, string>;

/** A trust anchor: a party the deployment names, registered with the key the deployment pins for it. */
export function isTrustAnchor(party: PartyState | undefined, anchors: TrustAnchors): boolean {
  return registeredWithPinnedKey(party, anchors);
}

/** A party the deployment names (anchors, operators), registered with the key the deployment pins for it. */
export function registeredWithPinnedKey(party: PartyState | undefined, pins: TrustAnchors): boolean {
  const pinned = party ? pins.get(party.id) : undefined;
  return !!pinned && party!.registered && party!.keys[0]?.publicKey === pinned;
}

/** An authority whose power was earned: a trust anchor, or a party accredited as authority and holding it now. */
export function isAccreditedAuthority(party: PartyState | undefined, anchors: TrustAnchors, at: string): boolean {
  return isTrustAnchor(party, anchors) || accreditedAt(party, 'authority', at);
}

