import { RULE_PACKS } from '../../domain/jurisdictions/packs.js';
import { packVersion } from '../../domain/jurisdictions/rule-pack.js';

/**
 * Bump when the projector or what it stores changes: a projection store of another version is
 * rebuilt from the log at start. Rule-pack versions are part of it, since stored obligation windows
 * are a pack's output.
 */
// 2: a restoration counts against the notifier only within its pack's statutory window.
// 3: judgements keep a received notice's late recording; protection adds the reasons every pack shares.
export const PROJECTOR_VERSION = 3;

export function projectionVersion(codeVersion = PROJECTOR_VERSION): string {
  const packs = Object.values(RULE_PACKS).map((pack) => packVersion(pack!)).sort();
  return `projector-${codeVersion};${packs.join(',')}`;
}
