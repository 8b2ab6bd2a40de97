import { z } from 'zod';
import { EnvelopeSchema } from '../domain/acts/envelope.js';
import { DisclosureSchema } from '../domain/acts/disclosures.js';

/** OpenAPI schemas generated from the zod schemas that actually check requests, so the docs cannot drift. */
const envelope = z.toJSONSchema(EnvelopeSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
const disclosure = z.toJSONSchema(DisclosureSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
delete envelope.$schema;
delete disclosure.$schema;

export const SUBMISSION_SCHEMA = {
  oneOf: [envelope, { type: 'object', required: ['act'], properties: { act: envelope, disclosures: { type: 'array', items: disclosure } } }],
};

export const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, rule: { type: 'string' } },
    },
  },
};
