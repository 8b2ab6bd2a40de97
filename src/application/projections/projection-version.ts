import { registeredVersions } from '../../domain/jurisdictions/registry.js';

/**
 * Bump when the projector or what it stores changes: a projection store of another version is
 * rebuilt from the log at start. Rule-pack versions are part of it, since stored obligation windows
 * are a pack's output.
 */
// 2: a restoration counts against the notifier only within its pack's statutory window.
// 3: judgements keep a received notice's late recording; protection adds the reasons every pack shares.
// 4: assessments list their elements, reasons cite their sources, packs are chosen by the date in force.
// 5: local dates in zones whose offsets change on a half hour of UTC (Tehran until 2022) are right.
export const PROJECTOR_VERSION = 5;

export function projectionVersion(codeVersion = PROJECTOR_VERSION): string {
  const packs = registeredVersions();
  return `projector-${codeVersion};${packs.join(',')}`;
}
