/** OpenAPI paths of the sign-in lockouts (lockout-routes.ts), merged into staffOpenApi(). */
export function lockoutOpenApiPaths(): Record<string, object> {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const csrf = { name: 'x-csrf-token', in: 'header', required: true, schema: { type: 'string' }, description: 'The csrfToken returned at sign-in.' };
  const auth = { 401: error('No valid session'), 403: error('Missing or wrong CSRF token') };
  const when = { type: 'string', format: 'date-time' };
  const lockouts = {
    type: 'object',
    properties: {
      cards: {
        type: 'array', description: 'Cards locked now: everywhere (20 wrong PINs from all sources in 24 hours: an alarm, listed first) or for one source (5 wrong PINs from it in 15 minutes)',
        items: {
          type: 'object',
          properties: {
            cardNumber: { type: 'string' }, patronName: { type: 'string' }, lockedUntil: when,
            everywhere: { type: 'boolean', description: 'Locked for every source but the patron\'s own phone number on file' },
            from: { type: 'object', description: 'The one source it is locked for (absent when everywhere)', properties: { kind: { type: 'string', enum: ['phone', 'address', 'user'] }, id: { type: 'string' } } },
            failuresLastDay: { type: 'integer', description: 'Wrong PINs at the card in the last 24 hours, from everywhere' },
          },
        },
      },
      sources: {
        type: 'array', description: 'Callers\' numbers and client addresses with failed sign-ins in the last 24 hours, limited ones first',
        items: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['phone', 'address', 'user'], description: 'phone: the caller\'s number (or "withheld"); address: the client\'s IP (an IPv6 /64); user: a channel\'s user id behind the Azure Bot Service' },
            id: { type: 'string' }, failuresLastQuarterHour: { type: 'integer' }, failuresLastDay: { type: 'integer' },
            lastFailureAt: when, limitedUntil: { type: ['string', 'null'], format: 'date-time', description: 'Set while sign-ins from this source are refused' },
          },
        },
      },
    },
  };
  const ok = { 200: { description: 'Lifted; the lockouts that remain', content: { 'application/json': { schema: lockouts } } } };
  return {
    '/api/staff/lockouts': {
      get: { summary: 'Sign-in lockouts at the staff member\'s library', responses: { 200: { description: 'OK', content: { 'application/json': { schema: lockouts } } }, 401: auth[401] } },
    },
    '/api/staff/lockouts/cards/clear': {
      post: {
        summary: 'Lift a card\'s PIN lockouts (everywhere and per source) and forget its wrong PINs; the sources keep their failures', parameters: [csrf],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['cardNumber'], properties: { cardNumber: { type: 'string', description: 'In the body, never in a URL' } } } } } },
        responses: { ...ok, 400: error('cardNumber missing'), ...auth, 404: error('lockout.not_found: no such card at this library') },
      },
    },
    '/api/staff/lockouts/sources/clear': {
      post: {
        summary: 'Forget a source\'s failed sign-ins at this library (lifts its limit)', parameters: [csrf],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['kind', 'id'], properties: { kind: { type: 'string', enum: ['phone', 'address', 'user'] }, id: { type: 'string', maxLength: 200 } } } } } },
        responses: { ...ok, 400: error('kind or id missing'), ...auth, 404: error('lockout.not_found: no failed sign-ins from it at this library') },
      },
    },
  };
}
