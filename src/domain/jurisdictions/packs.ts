import type { Pack } from '../acts/primitives.js';
import type { RulePack } from './rule-pack.js';
import { cnCivil, cnEcom, cnRndi } from './cn.js';
import { euDsa } from './eu-dsa.js';
import { jpIdpa, jpPlla } from './jp.js';
import { usDmca } from './us-dmca.js';

/** Every rule pack, by id. */
export const RULE_PACKS: Partial<Record<Pack, RulePack>> = {
  'us-dmca': usDmca,
  'eu-dsa': euDsa,
  'cn-civil': cnCivil,
  'cn-ecom': cnEcom,
  'cn-rndi': cnRndi,
  'jp-plla': jpPlla,
  'jp-idpa': jpIdpa,
};
