import type { Pack } from '../acts/primitives.js';
import type { RulePack } from './rule-pack.js';
import { euDsa } from './eu-dsa.js';
import { usDmca } from './us-dmca.js';

/** The packs implemented so far, by id; a notice under another pack is recorded but not yet judged. */
export const RULE_PACKS: Partial<Record<Pack, RulePack>> = {
  'us-dmca': usDmca,
  'eu-dsa': euDsa,
};
