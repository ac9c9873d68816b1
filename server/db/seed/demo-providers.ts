import { providerBody } from '../../../shared/schemas/providers.js';
import { createProvider, suspendProvider } from '../../modules/providers/index.js';
import type { DemoCapability } from './demo-context.js';

const DAY = 86_400_000;

/** A provider of the demo registry; `suspended`: the reason it was suspended. */
type ProviderSpec = {
  office: 'IQ' | 'NG';
  name: string;
  kind: string;
  place: string;
  contact: string;
  phone: string;
  email?: string;
  services: string[];
  note?: string;
  payment?: { method: 'bank' | 'mobile_money'; accountName: string; institution: string; accountNumber: string; branch?: string };
  suspended?: string;
};

// prettier-ignore
const PROVIDERS: ProviderSpec[] = [
  { office: 'IQ', name: 'Baghdad Vocational Training Centre', kind: 'training_centre', place: 'Baghdad', contact: 'Layla Hassan', phone: '+964 770 412 3381', email: 'courses@bvtc.example.org',
    services: ['vocational_training', 'on_the_job_training'], note: 'Welding, tailoring and mobile-phone repair courses of six to twelve weeks.',
    payment: { method: 'bank', accountName: 'Baghdad Vocational Training Centre', institution: 'Rafidain Bank', accountNumber: 'IQ98RAFB001234567890123', branch: 'Karrada' } },
  { office: 'IQ', name: 'Al-Mansour Wholesale Supplies', kind: 'supplier', place: 'Baghdad', contact: 'Omar Al-Saadi', phone: '+964 781 220 9045',
    services: ['business_setup'], note: 'Stock and equipment for small shops, delivered in kind.',
    payment: { method: 'mobile_money', accountName: 'Omar Al-Saadi', institution: 'Zain Cash', accountNumber: '07812209045' } },
  { office: 'IQ', name: 'Mosul Family Health Clinic', kind: 'clinic', place: 'Mosul', contact: 'Dr Noor Yousif', phone: '+964 750 118 6620',
    services: ['medical', 'psychosocial'], payment: { method: 'bank', accountName: 'Mosul Family Health Clinic', institution: 'Trade Bank of Iraq', accountNumber: 'IQ20TBIQ009876543210001' } },
  { office: 'IQ', name: 'Erbil Builders Cooperative', kind: 'employer', place: 'Erbil', contact: 'Karwan Aziz', phone: '+964 750 447 1209',
    services: ['job_placement', 'on_the_job_training'], suspended: 'Two placements ended after a week without pay; under review with the labour office.' },
  { office: 'NG', name: 'Lagos Skills Acquisition Centre', kind: 'training_centre', place: 'Lagos', contact: 'Adaeze Nwosu', phone: '+234 803 555 0142', email: 'info@lsac.example.org',
    services: ['vocational_training', 'business_setup'], note: 'Catering, hairdressing and solar installation.',
    payment: { method: 'bank', accountName: 'Lagos Skills Acquisition Centre', institution: 'First Bank of Nigeria', accountNumber: '3012345678' } },
  { office: 'NG', name: 'Benin City Returnee Support Network', kind: 'ngo', place: 'Benin City', contact: 'Osaro Igbinedion', phone: '+234 806 201 7731',
    services: ['psychosocial', 'temporary_accommodation', 'housing'], payment: { method: 'mobile_money', accountName: 'BCRSN', institution: 'OPay', accountNumber: '08062017731' } },
  { office: 'NG', name: 'Unity Secondary School', kind: 'school', place: 'Benin City', contact: 'Mrs Efe Omoregie', phone: '+234 805 330 1188',
    services: ['education'], note: 'School fees, uniforms and books for returning children.' },
];

/** A few providers in the registries of the origin offices in Iraq and Nigeria, one of them suspended. */
export const providersDemo: DemoCapability = {
  name: 'providers',
  async setup(ctx) {
    const at = new Date(ctx.end.getTime() - 200 * DAY);
    for (const [i, p] of PROVIDERS.entries()) {
      const officer = ctx.actorOf(p.office, 'reintegrate', 'provider.manage');
      const input = providerBody.parse({
        name: p.name, kind: p.kind, countryCode: p.office, place: p.place, contactPerson: p.contact, phone: p.phone, email: p.email ?? null,
        services: p.services, servicesNote: p.note ?? null, payment: p.payment ?? null,
      });
      const created = await createProvider(input, { actor: officer, db: ctx.db, clock: ctx.clockAt(new Date(at.getTime() + i * DAY)), cipher: ctx.cipher });
      if (p.suspended) {
        const manager = ctx.actorOf(p.office, 'manage', 'provider.manage');
        await suspendProvider({ providerId: created.id, expectedVersion: created.version, reason: p.suspended }, { actor: manager, db: ctx.db, clock: ctx.clockAt(new Date(ctx.end.getTime() - 20 * DAY)) });
      }
    }
  },
};
