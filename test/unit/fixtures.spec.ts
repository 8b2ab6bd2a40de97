import { describe, expect, it } from 'vitest';
import { CaseHistory } from '../../src/domain/jurisdictions/case-history.js';
import { assessUsNotice } from '../../src/domain/jurisdictions/us-dmca.js';
import { timeline } from '../support/case-timeline.js';
import { fullUsNotice, rightsHolder } from '../support/parties.js';

/** Fixtures say what they hold; these checks keep them honest (regression: the "full" US notice lacked the contact). */
describe('test fixtures', () => {
  it('fullUsNotice has every US element: the us-dmca pack finds it valid with nothing missing', () => {
    const notice = rightsHolder().caseAct('notice.submitted', 'c-f', fullUsNotice('tube-us', 'user-42'), '2026-01-05T15:00:00.000Z');
    const history = new CaseHistory('c-f', timeline(['2026-01-05T15:00:00.000Z', notice]), '2026-01-06T00:00:00.000Z');
    expect(assessUsNotice(history)).toMatchObject({ status: 'valid', missing: [] });
  });
});
