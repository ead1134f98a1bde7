import { ILL_STATUSES } from '../../domain/ill-status';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const csrf = { name: 'x-csrf-token', in: 'header', required: true, schema: { type: 'string' } };
const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}$' } };
const auth = { 401: error('No valid session'), 403: error('Missing or wrong CSRF token') };

/** Schemas of the interlibrary loan part of the staff API (amounts in integer minor units). */
export function illOpenApiSchemas(): Record<string, object> {
  return {
    IllStatus: { type: 'string', enum: [...ILL_STATUSES] },
    IllRequest: {
      type: 'object',
      properties: {
        ref: { type: 'string' }, status: ref('IllStatus'), version: { type: 'integer', description: 'Send it back with every action: a stale version gets 409.' },
        kind: { type: 'string', enum: ['book', 'article'] }, form: { type: 'string', enum: ['original', 'copy', 'electronic'] },
        title: { type: 'string' }, author: { type: 'string' }, year: { type: 'integer' }, isbn: { type: 'string' }, journal: { type: 'string' },
        volumeIssue: { type: 'string' }, pages: { type: 'string' }, currency: { type: 'string' },
        maxCost: { type: 'integer', description: 'Most the reader accepted to pay the lender, minor units' },
        lender: { type: 'string' }, lenderCost: { type: 'integer' }, costAcceptancePending: { type: 'boolean' }, weightGrams: { type: 'integer' },
        amountDue: { type: 'integer' }, collectBy: { type: 'string', format: 'date' }, use: { type: 'string', enum: ['home', 'reading_room'] },
        dueDate: { type: 'string', format: 'date' }, nextStatuses: { type: 'array', items: ref('IllStatus') },
        acceptances: { type: 'array', items: { type: 'object', properties: { version: { type: 'string' }, text: { type: 'string' }, acceptedAt: { type: 'string', format: 'date-time' }, amount: { type: 'integer' }, actor: { type: 'string' } } } },
        charges: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, kind: { type: 'string', enum: ['return_postage', 'late_fee', 'lender_cost', 'compensation'] }, amount: { type: 'integer' }, paidAt: { type: 'string', format: 'date-time' } } } },
      },
    },
    IllAction: {
      type: 'object', required: ['type', 'version'],
      description: 'request {lender}; terms {lenderCost}; cost_decision {accepted} (the reader\'s answer taken by phone); ship; arrive {weightGrams for an original}; '
        + 'collect {use, dueDate and liabilitySigned for a home loan of an original}; return; close; unfilled {note}; cancel {note}; send_back (after the collection week).',
      properties: {
        type: { type: 'string', enum: ['request', 'terms', 'cost_decision', 'ship', 'arrive', 'collect', 'return', 'close', 'unfilled', 'cancel', 'send_back'] },
        version: { type: 'integer' }, lender: { type: 'string' }, lenderCost: { type: 'integer' }, accepted: { type: 'boolean' }, weightGrams: { type: 'integer' },
        use: { type: 'string', enum: ['home', 'reading_room'] }, dueDate: { type: 'string', format: 'date' }, liabilitySigned: { type: 'boolean' }, note: { type: 'string' },
      },
    },
  };
}

export function illOpenApiPaths(): Record<string, object> {
  return {
    '/api/staff/ill': { get: { summary: 'Open interlibrary loan requests (all=1: every request)', security: [{ session: [] }], responses: { 200: json({ type: 'object', properties: { requests: { type: 'array', items: ref('IllRequest') } } }), 401: auth[401] } } },
    '/api/staff/ill/{ref}': { get: { summary: 'One request with its accepted terms, history and charges', security: [{ session: [] }], parameters: [refParam], responses: { 200: json(ref('IllRequest')), 401: auth[401], 404: error('Not found in this library') } } },
    '/api/staff/ill/{ref}/actions': {
      post: {
        summary: 'The next step of the request (ISO 18626-like states, seeds/004 rules)', security: [{ session: [] }], parameters: [refParam, csrf],
        requestBody: { required: true, content: { 'application/json': { schema: ref('IllAction') } } },
        responses: { 200: json(ref('IllRequest')), 400: error('Unknown action or missing fields'), ...auth, 404: error('Not found'), 409: error('Changed by someone else (ill.stale)'), 422: error('Refused by a rule') },
      },
    },
    '/api/staff/ill/{ref}/charges/{charge}/payment': {
      post: {
        summary: 'Record that the reader paid a charge (paid return postage lifts the block on new requests)', security: [{ session: [] }],
        parameters: [refParam, { name: 'charge', in: 'path', required: true, schema: { type: 'integer' } }, csrf],
        responses: { 200: json(ref('IllRequest')), ...auth, 404: error('No such charge'), 409: error('Already paid') },
      },
    },
  };
}
