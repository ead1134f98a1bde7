import type { Request, Response, Server } from 'restify';
import { tFor } from '../i18n/init';
import { appointmentIcs } from '../notifications/ics';
import type { PickupAssembly } from './pickup-services';

/** The patron's calendar file: reached by the unguessable token in the notification, no sign-in. */
export function registerAppointmentsIcs(server: Server, pickup: PickupAssembly): void {
  server.get('/appointments/:file', async (req: Request, res: Response) => {
    const token = String(req.params.file ?? '').replace(/\.ics$/, '');
    const found = /^[\w-]{16,64}$/.test(token) ? await pickup.appointments.byIcsToken(token) : undefined;
    if (!found || found.appointment.status !== 'booked') { res.send(404, { error: 'not found' }); return; }
    const t = tFor(found.language === 'hu' ? 'hu' : 'el', 'pickup');
    const body = appointmentIcs({
      uid: `appointment-${found.appointment.id}@library-booking-bot`, start: found.appointment.startsAt, end: found.appointment.endsAt, stamp: pickup.now(),
      summary: t('ics.summary', { branch: found.appointment.branchName }), description: t('ics.description', { ref: found.orderRef }),
      location: `${found.appointment.branchName}, ${found.branchAddress}`,
    });
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${found.orderRef}.ics"`, 'cache-control': 'no-store' });
    res.end(body);
  });
}
