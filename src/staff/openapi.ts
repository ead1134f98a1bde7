import { illOpenApiPaths, illOpenApiSchemas } from './ill/ill-openapi';
import { lockoutOpenApiPaths } from './lockout-openapi';
import { patronDataOpenApiPaths } from './patron-data-openapi';

/** OpenAPI 3.1 description of the staff JSON API, served at /api/staff/openapi.json. */
export function staffOpenApi(): object {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
  const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
  const csrf = { name: 'x-csrf-token', in: 'header', required: true, schema: { type: 'string' }, description: 'The csrfToken returned at sign-in (synchronizer token).' };
  const refParam = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}$' } };
  const auth = { 401: error('No valid session'), 403: error('Missing or wrong CSRF token') };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Library staff queue API', version: '1.0.0',
      description: 'The operations of the /staff pages for scripts and other clients. Same authentication as the pages: a session cookie '
        + '(HttpOnly, SameSite=Strict) from POST /api/staff/session, and the x-csrf-token header on every request that changes something. '
        + 'Every read and write is limited to the signed-in staff member\'s library; another library\'s orders answer 404.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'staff_session' } },
      schemas: {
        ...illOpenApiSchemas(),
        Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string', description: 'Reason code (i18n key)' }, message: { type: 'string' }, alternatives: { type: 'array', items: { type: 'string', format: 'date-time' } } } },
        Status: { type: 'string', enum: ['new', 'preparing', 'ready', 'waiting_outside', 'collected', 'cancelled', 'expired'] },
        Staff: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, name: { type: 'string' }, libraryId: { type: 'string' } } },
        Session: { type: 'object', properties: { staff: ref('Staff'), csrfToken: { type: 'string' }, language: { type: 'string', enum: ['el', 'hu'] } } },
        QueueRow: { type: 'object', properties: { ref: { type: 'string' }, status: ref('Status'), version: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, patronName: { type: 'string' }, branches: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }, itemCount: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, author: { type: 'string' }, branchId: { type: 'string' }, branchName: { type: 'string' }, shelfMark: { type: 'string' }, barcode: { type: ['string', 'null'] }, holdStatus: { type: 'string' } } } }, nextAppointment: { type: ['string', 'null'], format: 'date-time' } } },
        Appointment: { type: 'object', properties: { id: { type: 'integer' }, branchId: { type: 'string' }, branchName: { type: 'string' }, startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' }, calendarUrl: { type: 'string' } } },
        Order: {
          type: 'object',
          properties: {
            ref: { type: 'string' }, status: ref('Status'), version: { type: 'integer', description: 'Send it back with every change: a stale version gets 409.' },
            channel: { type: 'string' }, language: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, pickupDeadline: { type: ['string', 'null'], format: 'date-time' },
            nextStatuses: { type: 'array', items: ref('Status') },
            patron: { type: 'object', properties: { name: { type: 'string' }, cardNumber: { type: 'string' }, phone: { type: 'string' }, status: { type: 'string' } } },
            items: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, author: { type: 'string' }, branchId: { type: 'string' }, branchName: { type: 'string' }, shelfMark: { type: 'string' }, copyStatus: { type: 'string' } } } },
            appointments: { type: 'array', items: ref('Appointment') },
            events: { type: 'array', items: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, fromStatus: { type: ['string', 'null'] }, toStatus: { type: 'string' }, note: { type: ['string', 'null'] } } } },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      ...illOpenApiPaths(),
      ...patronDataOpenApiPaths(),
      ...lockoutOpenApiPaths(),
      '/api/staff/session': {
        post: { summary: 'Sign in', security: [], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 200: json(ref('Session')), 401: error('Wrong username or password'), 403: error('staff.cross_site: a browser sent it from another site (Sec-Fetch-Site, or Origin, not this server); clients sending neither header are not affected'), 429: error('staff.login_limited: too many failed logins from this address, for this username from this address, or for this username from everywhere; the message says how many minutes to wait') } },
        get: { summary: 'The current session', responses: { 200: json(ref('Session')), 401: auth[401] } },
        delete: { summary: 'Sign out', parameters: [csrf], responses: { 204: { description: 'Signed out' }, ...auth } },
      },
      '/api/staff/orders': {
        get: {
          summary: 'The queue of the staff member\'s library, oldest first',
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string' }, description: 'A status, "all", or empty for the open ones' },
            { name: 'branch', in: 'query', schema: { type: 'string' } },
            { name: 'day', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Pickup day (library-local)' },
          ],
          responses: { 200: json({ type: 'object', properties: { orders: { type: 'array', items: ref('QueueRow') } } }), 400: error('staff.bad_day: day is not a real calendar day YYYY-MM-DD of the years 2000–2999 (an empty day is no filter)'), 401: auth[401] },
        },
      },
      '/api/staff/orders/{ref}': { get: { summary: 'One order', parameters: [refParam], responses: { 200: json(ref('Order')), 401: auth[401], 404: error('Not found (or another library\'s)') } } },
      '/api/staff/orders/{ref}/transitions': {
        post: {
          summary: 'Move the order to another status', parameters: [refParam, csrf],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['to', 'version'], properties: { to: ref('Status'), version: { type: 'integer' }, note: { type: 'string', description: 'Required when cancelling' } } } } } },
          responses: { 200: json(ref('Order')), ...auth, 404: error('Not found'), 409: error('order.changed: someone changed the order since that version'), 422: error('Refused by the rules, e.g. order.illegal_transition') },
        },
      },
      '/api/staff/orders/{ref}/notes': {
        post: {
          summary: 'Add a note to the history', parameters: [refParam, csrf],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['note', 'version'], properties: { note: { type: 'string' }, version: { type: 'integer' } } } } } },
          responses: { 200: json(ref('Order')), ...auth, 404: error('Not found'), 409: error('order.changed'), 422: error('order.note_required') },
        },
      },
      '/api/staff/orders/{ref}/slots': {
        get: {
          summary: 'Free pickup slots at one of the order\'s branches', parameters: [refParam, { name: 'branch', in: 'query', required: true, schema: { type: 'string' } }, { name: 'day', in: 'query', schema: { type: 'string', format: 'date' } }],
          responses: { 200: json({ type: 'object', properties: { slots: { type: 'array', items: { type: 'string', format: 'date-time' } } } }), 400: error('staff.bad_day: day is not a real calendar day YYYY-MM-DD of the years 2000–2999 (an empty day is no filter)'), 401: auth[401], 404: error('Not found') },
        },
      },
      '/api/staff/orders/{ref}/appointments/{branch}': {
        put: {
          summary: 'Book or move the order\'s pickup appointment at a branch', parameters: [refParam, { name: 'branch', in: 'path', required: true, schema: { type: 'string' } }, csrf],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['startsAt'], properties: { startsAt: { type: 'string', format: 'date-time' } } } } } },
          responses: { 200: json(ref('Appointment')), ...auth, 404: error('Not found'), 409: error('pickup.slot_full, with the nearest free alternatives'), 422: error('Outside opening hours, too soon, too far…') },
        },
      },
      '/api/staff/schedule': {
        get: {
          summary: 'Pickups of one day per branch', parameters: [{ name: 'day', in: 'query', schema: { type: 'string', format: 'date' } }],
          responses: { 200: json({ type: 'object', properties: { day: { type: 'string', format: 'date' }, appointments: { type: 'array', items: { type: 'object' } } } }), 400: error('staff.bad_day: day is not a real calendar day YYYY-MM-DD of the years 2000–2999 (an empty day is no filter)'), 401: auth[401] },
        },
      },
    },
  };
}
