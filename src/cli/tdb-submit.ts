import { signAct } from '../client/sign-act.js';
import type { RequestSigner } from '../client/sign-request.js';
import { getJson, postJson } from './report.command.js';
import { CliError, type CliIo } from './io.js';

interface TdbExport {
  batches: { statements: { puid: string }[] }[];
}

export interface SubmitOptions {
  /** The Transparency Database's base URL, e.g. https://transparency.dsa.ec.europa.eu */
  tdb: string;
  token: string;
  ledger: string;
  provider: RequestSigner;
}

/**
 * Submits each batch to the Transparency Database (POST /api/v1/statements/multiple, Bearer token;
 * only 201 Created means stored) and records, for each statement it stored, a `reasons.published`
 * act in the measure's case, signed by the provider, whose reference is the TDB's uuid for it.
 */
export async function submitToTdb(exported: TdbExport, options: SubmitOptions, io: CliIo): Promise<{ submitted: number; recorded: number }> {
  let [submitted, recorded] = [0, 0];
  for (const batch of exported.batches) {
    const stored = await postBatch(batch, options);
    submitted += stored.length;
    for (const { puid, uuid } of stored) {
      const caseId = await caseOfPuid(puid, options.ledger);
      const act = signAct({ type: 'reasons.published', actor: options.provider.partyId, case: caseId, data: { reference: uuid } }, options.provider.secretKey);
      const res = await postJson(`${options.ledger}/v1/acts`, act);
      if (res.status !== 201 && res.status !== 200) throw new CliError(`the TDB stored ${puid} as ${uuid}, but the ledger refused to record it in case ${caseId} (${res.status} ${JSON.stringify(res.body)}): record reasons.published with reference ${uuid} by hand`, 1);
      recorded++;
    }
    io.err(`submitted ${submitted} statement(s), recorded ${recorded} reasons.published act(s)`);
  }
  return { submitted, recorded };
}

async function postBatch(batch: { statements: { puid: string }[] }, options: SubmitOptions): Promise<{ puid: string; uuid: string }[]> {
  const url = `${options.tdb.replace(/\/$/, '')}/api/v1/statements`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(batch) });
  } catch (error) {
    throw new CliError(`cannot reach ${url}: ${(error as Error).cause ?? (error as Error).message}`, 2);
  }
  const text = await res.text();
  if (res.status !== 201) throw new CliError(`${url} answered ${res.status}, not 201 Created: nothing of this batch is stored (${text.slice(0, 500)})`, 1);
  const stored = (JSON.parse(text) as { statements?: { puid?: string; uuid?: string }[] }).statements ?? [];
  if (stored.length !== batch.statements.length || stored.some((s) => !s.puid || !s.uuid)) throw new CliError(`${url} answered 201 without a uuid for each statement: check the batch by its PUIDs`, 1);
  return stored as { puid: string; uuid: string }[];
}

/** The measure's case, from its entry in the log: the PUID names the entry's seq (harbor-<seq>-<hash>). */
async function caseOfPuid(puid: string, ledger: string): Promise<string> {
  const seq = /^harbor-(\d+)-[0-9a-f]{24}$/.exec(puid)?.[1];
  if (!seq) throw new CliError(`${puid} is not a PUID of this ledger`, 1);
  const page = (await getJson(`${ledger}/v1/log/entries?from=${seq}&limit=1`)) as { entries: { entry: string }[] };
  const entry = JSON.parse(page.entries[0].entry) as { act: { case?: string } };
  if (!entry.act.case) throw new CliError(`entry ${seq} is not an act of a case`, 1);
  return entry.act.case;
}
