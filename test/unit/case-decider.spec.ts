import { describe, it } from 'vitest';
import { act, given, partyFrom } from '../support/decider-spec.js';

const KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const holder = partyFrom(act('party.registered', 'holder', { name: 'Acme', roles: ['rights_holder'], publicKey: KEY }));
const host = partyFrom(act('party.registered', 'host', { name: 'Tube', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: KEY }));
const otherHost = partyFrom(act('party.registered', 'other-host', { name: 'Other', roles: ['provider'], providerKind: 'hosting', packs: ['eu-dsa'], publicKey: KEY }));
const user = partyFrom(act('party.registered', 'user', { name: 'U', roles: ['user'], publicKey: KEY }));
const stranger = partyFrom(act('party.registered', 'stranger', { name: 'S', roles: ['user'], publicKey: KEY }));
// A court accredited by the deployment's trust anchor; a self-declared one that is not.
const court = partyFrom(act('party.registered', 'court', { name: 'Court', roles: ['authority'], publicKey: KEY }), act('party.accredited', 'anchor', { party: 'court', status: 'authority' }));
const selfDeclared = partyFrom(act('party.registered', 'self-declared', { name: 'Totally A Court', roles: ['authority'], publicKey: KEY }));
const parties = [holder, host, otherHost, user, stranger, court, selfDeclared];

const C = 'c-1';
const ITEM = 'https://tube.example/v/1';
const notice = act('notice.submitted', 'holder', { provider: 'host', pack: 'us-dmca', items: [{ locator: ITEM }], user: 'user' }, C);
const noticeNoUser = act('notice.submitted', 'holder', { provider: 'host', pack: 'us-dmca' }, C);
const measure = act('measure.taken', 'host', { measure: 'disabled', items: [ITEM], basis: 'notice' }, C);
const counter = act('counter_notice.submitted', 'user', {}, C);
const complaint = act('complaint.lodged', 'user', { grounds: 'mine' }, C);
const inquiry = act('sender.inquired', 'host', {}, C);
const request = act('disclosure.requested', 'holder', { route: 'us_512h_subpoena', about: 'user' }, C);
const opinionRequest = act('disclosure.opinion_requested', 'host', {}, C);
const sor = { ground: 'illegal_content', facts: 'copy of a film', automatedDetection: false, automatedDecision: 'not_automated' };

describe('case decider: notices', () => {
  it('a rights holder opens a case with a notice to a registered provider', () => given(parties).when(notice).then());
  it('a second notice in the same case is refused', () => given(parties, [notice]).when(notice).thenRejects('invalid_state', 'NoticeOpensNewCase'));
  it('a user cannot send a notice', () =>
    given(parties).when(act('notice.submitted', 'user', { provider: 'host', pack: 'us-dmca' }, C)).thenRejects('not_allowed', 'ActorHasRole'));
  it('a notice to an unregistered provider is refused', () =>
    given(parties).when(act('notice.submitted', 'holder', { provider: 'ghost', pack: 'us-dmca' }, C)).thenRejects('not_found', 'ProviderIsRegistered'));
  it('a notice to a party that is not a provider is refused', () =>
    given(parties).when(act('notice.submitted', 'holder', { provider: 'user', pack: 'us-dmca' }, C)).thenRejects('not_allowed', 'ProviderIsRegistered'));
  it('a provider records a notice it received by mail', () =>
    given(parties).when(act('notice.received', 'host', { provider: 'host', notifier: 'mailer', pack: 'us-dmca', channel: 'mail', signed: true }, C)).then());
  it('a provider cannot record a notice received by another provider', () =>
    given(parties).when(act('notice.received', 'host', { provider: 'other-host', notifier: 'mailer', pack: 'us-dmca' }, C)).thenRejects('not_allowed', 'ProviderRecordsOwnNotice'));
  it('a rights holder cannot record a received notice', () =>
    given(parties).when(act('notice.received', 'holder', { provider: 'holder', notifier: 'x', pack: 'us-dmca' }, C)).thenRejects('not_allowed', 'ActorHasRole'));
  it('an act on a case with no notice is refused', () => given(parties).when(act('notice.acknowledged', 'host', {}, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the case provider acknowledges', () => given(parties, [notice]).when(act('notice.acknowledged', 'host', {}, C)).then());
  it('another provider cannot acknowledge', () =>
    given(parties, [notice]).when(act('notice.acknowledged', 'other-host', {}, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the provider contacts the notifier about a deficiency', () =>
    given(parties, [notice]).when(act('notice.deficiency_contacted', 'host', { missing: ['contact'] }, C)).then());
  it('the notifier cannot record a deficiency contact', () =>
    given(parties, [notice]).when(act('notice.deficiency_contacted', 'holder', { missing: [] }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the provider forwards the notice to the user', () => given(parties, [noticeNoUser]).when(act('notice.forwarded', 'host', { user: 'user' }, C)).then());
  it('the user cannot forward', () => given(parties, [notice]).when(act('notice.forwarded', 'user', { user: 'user' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the provider rejects the notice', () => given(parties, [notice]).when(act('notice.rejected', 'host', { reason: 'incomplete' }, C)).then());
  it('the notifier cannot reject its own notice', () =>
    given(parties, [notice]).when(act('notice.rejected', 'holder', { reason: 'other' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the notifier withdraws its notice', () => given(parties, [notice]).when(act('notice.withdrawn', 'holder', {}, C)).then());
  it('a notice cannot be withdrawn twice', () =>
    given(parties, [notice, act('notice.withdrawn', 'holder', {}, C)]).when(act('notice.withdrawn', 'holder', {}, C)).thenRejects('invalid_state', 'NoticeNotWithdrawn'));
  it('only the notifier withdraws', () => given(parties, [notice]).when(act('notice.withdrawn', 'host', {}, C)).thenRejects('not_allowed', 'ActorIsCaseNotifier'));
  it('the notifier of a received notice is its notifier field', () =>
    given(parties, [act('notice.received', 'host', { provider: 'host', notifier: 'holder', pack: 'us-dmca' }, C)]).when(act('notice.withdrawn', 'holder', {}, C)).then());
  it('the provider notifies its decision', () => given(parties, [notice]).when(act('decision.notified', 'host', { decision: 'acted' }, C)).then());
  it('the user cannot notify a decision', () =>
    given(parties, [notice]).when(act('decision.notified', 'user', { decision: 'acted' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
});

describe('case decider: measures, reasons and counter-notices', () => {
  it('the provider takes a measure', () => given(parties, [notice]).when(measure).then());
  it('the notifier cannot take a measure', () =>
    given(parties, [notice]).when(act('measure.taken', 'holder', { measure: 'removed', items: [ITEM], basis: 'notice' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('reasons are stated after a measure', () => given(parties, [notice, measure]).when(act('reasons.stated', 'host', sor, C)).then());
  it('reasons cannot be stated before any measure', () => given(parties, [notice]).when(act('reasons.stated', 'host', sor, C)).thenRejects('invalid_state', 'MeasureWasTaken'));
  it('reasons are published after a measure', () => given(parties, [notice, measure]).when(act('reasons.published', 'host', { reference: 'tdb-1' }, C)).then());
  it('reasons cannot be published before a measure', () =>
    given(parties, [notice]).when(act('reasons.published', 'host', { reference: 'tdb-1' }, C)).thenRejects('invalid_state', 'MeasureWasTaken'));
  it('the user counter-notifies after a measure', () => given(parties, [notice, measure]).when(counter).then());
  it('no counter-notice before a measure', () => given(parties, [notice]).when(counter).thenRejects('invalid_state', 'MeasureWasTaken'));
  it('only the case user counter-notifies', () =>
    given(parties, [notice, measure]).when(act('counter_notice.submitted', 'stranger', {}, C)).thenRejects('not_allowed', 'ActorIsCaseUser'));
  it('no counter-notice while the case has no user', () =>
    given(parties, [noticeNoUser, measure]).when(act('counter_notice.submitted', 'user', {}, C)).thenRejects('not_allowed', 'ActorIsCaseUser'));
  it('the user named by the forward may counter-notify', () =>
    given(parties, [noticeNoUser, act('notice.forwarded', 'host', { user: 'user' }, C), measure]).when(counter).then());
  it('the provider forwards the counter-notice', () => given(parties, [notice, measure, counter]).when(act('counter_notice.forwarded', 'host', {}, C)).then());
  it('no forward without a counter-notice', () =>
    given(parties, [notice, measure]).when(act('counter_notice.forwarded', 'host', {}, C)).thenRejects('invalid_state', 'CounterNoticeAwaitsForward'));
  it('a counter-notice is forwarded once', () =>
    given(parties, [notice, measure, counter, act('counter_notice.forwarded', 'host', {}, C)])
      .when(act('counter_notice.forwarded', 'host', {}, C))
      .thenRejects('invalid_state', 'CounterNoticeAwaitsForward'));
  it('the notifier files an action', () => given(parties, [notice]).when(act('action.filed', 'holder', { forum: 'court' }, C)).then());
  it('only the notifier files an action', () => given(parties, [notice]).when(act('action.filed', 'user', { forum: 'court' }, C)).thenRejects('not_allowed', 'ActorIsCaseNotifier'));
  it('the provider lifts a measure on items under it', () =>
    given(parties, [notice, measure]).when(act('measure.lifted', 'host', { items: [ITEM], reason: 'counter_notice' }, C)).then());
  it('nothing can be lifted before a measure', () =>
    given(parties, [notice]).when(act('measure.lifted', 'host', { items: [ITEM], reason: 'other' }, C)).thenRejects('invalid_state', 'MeasureWasTaken'));
  it('items not under a measure cannot be lifted', () =>
    given(parties, [notice, measure]).when(act('measure.lifted', 'host', { items: ['https://tube.example/v/2'], reason: 'other' }, C)).thenRejects('invalid_state', 'LiftedItemsAreUnderMeasure'));
  it('an item cannot be lifted twice', () =>
    given(parties, [notice, measure, act('measure.lifted', 'host', { items: [ITEM], reason: 'other' }, C)])
      .when(act('measure.lifted', 'host', { items: [ITEM], reason: 'other' }, C))
      .thenRejects('invalid_state', 'LiftedItemsAreUnderMeasure'));
  it('only the provider lifts', () => given(parties, [notice, measure]).when(act('measure.lifted', 'user', { items: [ITEM], reason: 'other' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
});

describe('case decider: complaints and the Japanese sender inquiry', () => {
  it('the user lodges a complaint', () => given(parties, [notice]).when(complaint).then());
  it('the notifier lodges a complaint (against a refusal to act)', () => given(parties, [notice]).when(act('complaint.lodged', 'holder', { grounds: 'g' }, C)).then());
  it('a stranger cannot complain', () => given(parties, [notice]).when(act('complaint.lodged', 'stranger', { grounds: 'g' }, C)).thenRejects('not_allowed', 'ActorMayAct'));
  it('the provider decides a complaint', () =>
    given(parties, [notice, complaint]).when(act('complaint.decided', 'host', { outcome: 'reversed', humanReviewed: true, reasons: 'r' }, C)).then());
  it('no decision without an open complaint', () =>
    given(parties, [notice]).when(act('complaint.decided', 'host', { outcome: 'upheld', humanReviewed: true, reasons: 'r' }, C)).thenRejects('invalid_state', 'ComplaintIsOpen'));
  it('only the provider decides', () =>
    given(parties, [notice, complaint]).when(act('complaint.decided', 'user', { outcome: 'upheld', humanReviewed: true, reasons: 'r' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the provider asks the sender', () => given(parties, [notice]).when(inquiry).then());
  it('only the provider asks the sender', () => given(parties, [notice]).when(act('sender.inquired', 'holder', {}, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('the user replies to the inquiry', () => given(parties, [notice, inquiry]).when(act('sender.replied', 'user', { consents: false }, C)).then());
  it('no reply without an inquiry', () => given(parties, [notice]).when(act('sender.replied', 'user', { consents: true }, C)).thenRejects('invalid_state', 'InquiryAwaitsReply'));
  it('only the user replies', () => given(parties, [notice, inquiry]).when(act('sender.replied', 'holder', { consents: true }, C)).thenRejects('not_allowed', 'ActorIsCaseUser'));
});

describe('case decider: disclosure and findings', () => {
  it('the notifier requests disclosure', () => given(parties, [notice]).when(request).then());
  it('an authority requests disclosure', () => given(parties, [notice]).when(act('disclosure.requested', 'court', { route: 'court_order' }, C)).then());
  it('the user cannot request disclosure', () =>
    given(parties, [notice]).when(act('disclosure.requested', 'user', { route: 'other' }, C)).thenRejects('not_allowed', 'ActorMayAct'));
  it('the provider asks the user for an opinion on a request', () => given(parties, [notice, request]).when(opinionRequest).then());
  it('no opinion request without a disclosure request', () => given(parties, [notice]).when(opinionRequest).thenRejects('invalid_state', 'DisclosureRequestIsOpen'));
  it('the user gives an opinion', () => given(parties, [notice, request, opinionRequest]).when(act('disclosure.opinion_given', 'user', { consents: false }, C)).then());
  it('no opinion unless asked', () =>
    given(parties, [notice, request]).when(act('disclosure.opinion_given', 'user', { consents: false }, C)).thenRejects('invalid_state', 'OpinionWasRequested'));
  it('only the user gives the opinion', () =>
    given(parties, [notice, request, opinionRequest]).when(act('disclosure.opinion_given', 'holder', { consents: true }, C)).thenRejects('not_allowed', 'ActorIsCaseUser'));
  const disclosed = `sha256:${'ab'.repeat(32)}`;
  it('the provider grants disclosure', () => given(parties, [notice, request]).when(act('disclosure.granted', 'host', { disclosed }, C)).then());
  it('the provider refuses disclosure', () => given(parties, [notice, request]).when(act('disclosure.refused', 'host', { reasons: 'no' }, C)).then());
  it('no decision without a request', () => given(parties, [notice]).when(act('disclosure.granted', 'host', { disclosed }, C)).thenRejects('invalid_state', 'DisclosureRequestIsOpen'));
  it('a request is decided once', () =>
    given(parties, [notice, request, act('disclosure.refused', 'host', { reasons: 'no' }, C)])
      .when(act('disclosure.granted', 'host', { disclosed }, C))
      .thenRejects('invalid_state', 'DisclosureRequestIsOpen'));
  it('only the provider decides disclosure', () =>
    given(parties, [notice, request]).when(act('disclosure.refused', 'court', { reasons: 'x' }, C)).thenRejects('not_allowed', 'ActorIsCaseProvider'));
  it('a court order to disclose opens a disclosure to decide, even after a refusal', () =>
    given(parties, [notice, request, act('disclosure.refused', 'host', { reasons: 'no' }, C), act('finding.recorded', 'court', { outcome: 'disclosure_ordered' }, C)])
      .when(act('disclosure.granted', 'host', { disclosed }, C))
      .then());
  it('an authority records a finding', () => given(parties, [notice]).when(act('finding.recorded', 'court', { outcome: 'not_infringing' }, C)).then());
  it('a provider cannot record a finding', () =>
    given(parties, [notice]).when(act('finding.recorded', 'host', { outcome: 'infringing' }, C)).thenRejects('not_allowed', 'ActorIsAccreditedAuthority'));
  it('a self-declared authority cannot record a finding (regression: any registered "authority" could)', () =>
    given(parties, [notice]).when(act('finding.recorded', 'self-declared', { outcome: 'malicious_erroneous_notice' }, C)).thenRejects('not_allowed', 'ActorIsAccreditedAuthority'));
  it('a self-declared authority cannot request disclosure', () =>
    given(parties, [notice]).when(act('disclosure.requested', 'self-declared', { route: 'court_order' }, C)).thenRejects('not_allowed', 'ActorMayAct'));
  it('a trust anchor records a finding without an accreditation of its own', () => {
    const anchor = partyFrom(act('party.registered', 'anchor', { name: 'Registry', roles: ['authority'], publicKey: KEY }));
    given([...parties, anchor], [notice], new Map([['anchor', KEY]])).when(act('finding.recorded', 'anchor', { outcome: 'not_infringing' }, C)).then();
  });
  it('an accreditation that was revoked confers nothing', () => {
    const revoked = partyFrom(
      act('party.registered', 'court', { name: 'Court', roles: ['authority'], publicKey: KEY }),
      act('party.accredited', 'anchor', { party: 'court', status: 'authority' }),
      act('party.accreditation_revoked', 'anchor', { party: 'court', status: 'authority', reason: 'dissolved' }),
    );
    given([holder, host, user, revoked], [notice]).when(act('finding.recorded', 'court', { outcome: 'not_infringing' }, C)).thenRejects('not_allowed', 'ActorIsAccreditedAuthority');
  });
});
