/** OpenAPI paths of the GDPR requests (patron-data-routes.ts), merged into staffOpenApi(). */
export function patronDataOpenApiPaths(): Record<string, object> {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const csrf = { name: 'x-csrf-token', in: 'header', required: true, schema: { type: 'string' } };
  const card = { cardNumber: { type: 'string', description: 'The patron\'s card number, digits (spaces and dashes ignored). In the body, never in a URL.' } };
  const auth = { 401: error('No valid session'), 403: error('Missing or wrong CSRF token') };
  return {
    '/api/staff/patrons/personal-data': {
      post: {
        summary: 'GDPR access request: everything held about one patron of the staff member\'s library, as a JSON download',
        parameters: [csrf],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['cardNumber'], properties: card } } } },
        responses: {
          200: { description: 'format library-booking-bot/patron-data/1: patron, orders (items, events, appointments, notifications), ILL requests (terms accepted, charges), call-back requests, conversation state; notExported says what is held but not given out (the PIN hash)', content: { 'application/json': { schema: { type: 'object' } } } },
          400: error('cardNumber missing'), ...auth, 404: error('patron.not_found (also another library\'s patron, or one already erased)'),
        },
      },
    },
    '/api/staff/patrons/erasure': {
      post: {
        summary: 'GDPR erasure: blank the patron\'s name, phone, card number and PIN, delete their conversations and call-back requests; orders and ILL requests stay for the accounts, anonymized',
        parameters: [csrf],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['cardNumber', 'confirm'], properties: { ...card, confirm: { const: true } } } } } },
        responses: {
          200: { description: 'Erased', content: { 'application/json': { schema: { type: 'object', properties: { ordersAnonymized: { type: 'integer' }, illRequestsAnonymized: { type: 'integer' }, conversationsDeleted: { type: 'integer' }, callbackRequestsDeleted: { type: 'integer' } } } } } },
          400: error('cardNumber or confirm: true missing'), ...auth, 404: error('patron.not_found'),
          409: error('patron.erase_open_orders, patron.erase_open_ill or patron.erase_unpaid: close or settle them first'),
        },
      },
    },
  };
}
