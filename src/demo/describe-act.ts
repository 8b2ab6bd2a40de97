/** One line, in words, for an act in a timeline. */
export function describeAct(type: string, data: Record<string, unknown>): string {
  const items = (data.items as unknown[] | undefined)?.length ?? 0;
  switch (type) {
    case 'notice.submitted':
    case 'notice.received':
      return `notice to ${data.provider} under ${data.pack}: ${(data.works as unknown[] | undefined)?.length ?? 0} work(s), ${items} item(s)`;
    case 'notice.forwarded':
      return data.user ? `notice forwarded to the user ${data.user}` : 'notice published (user unreachable)';
    case 'measure.taken':
      return `measure taken: ${data.measure} ${items} item(s) (basis: ${data.basis})`;
    case 'measure.lifted':
      return `measure lifted on ${items} item(s) (reason: ${data.reason})`;
    case 'counter_notice.submitted':
      return 'counter-notice by the user';
    case 'counter_notice.forwarded':
      return 'counter-notice forwarded to the rights holder';
    case 'notice.rejected':
      return `notice rejected (${data.reason})`;
    case 'decision.notified':
      return `decision notified: ${data.decision}`;
    case 'action.filed':
      return `action filed before a ${data.forum}`;
    case 'finding.recorded':
      return `finding: ${data.outcome}`;
    default:
      return type.replace('.', ' ').replace(/_/g, ' ');
  }
}
