import { currentSession } from './session.js';
import { signatureFields } from '../audit/request-signature.js';

/** The ledger's own API, on the origin that served the console; signed as the party signed in, if any (RFC 9421). */
export async function getJson<T>(path: string): Promise<T> {
  const url = new URL(path, location.origin).href;
  const session = currentSession();
  const headers: Record<string, string> = { accept: 'application/json', ...(session ? signatureFields({ method: 'GET', url }, session) : {}) };
  const res = await fetch(url, { headers });
  const body = (await res.json()) as T & { error?: { code: string; message: string } };
  if (!res.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `${res.status} ${res.statusText}`);
  return body;
}
