/**
 * The shape of the benchmark's world: which countries partners sit in (weights loosely follow where
 * CSP partners are), and word lists for plausible names. Regions come from the product's own table.
 */
import { regionOf } from '../../src/domain/shared/regions.js';

/** [ISO 3166-1 alpha-2, relative weight, a city] */
const COUNTRIES: readonly (readonly [string, number, string])[] = [
  ['US', 20, 'Seattle'],
  ['CA', 4, 'Toronto'],
  ['GB', 8, 'London'],
  ['DE', 8, 'Berlin'],
  ['FR', 5, 'Paris'],
  ['NL', 3, 'Amsterdam'],
  ['IT', 3, 'Milan'],
  ['ES', 3, 'Madrid'],
  ['SE', 2, 'Stockholm'],
  ['PL', 2, 'Warsaw'],
  ['CZ', 1, 'Prague'],
  ['IE', 1, 'Dublin'],
  ['CH', 1, 'Zurich'],
  ['AT', 1, 'Vienna'],
  ['BE', 1, 'Brussels'],
  ['DK', 1, 'Copenhagen'],
  ['NO', 1, 'Oslo'],
  ['FI', 1, 'Helsinki'],
  ['PT', 1, 'Lisbon'],
  ['AU', 4, 'Sydney'],
  ['NZ', 1, 'Auckland'],
  ['JP', 4, 'Tokyo'],
  ['KR', 4, 'Seoul'],
  ['IN', 5, 'Bengaluru'],
  ['TW', 1, 'Taipei'],
  ['SG', 1, 'Singapore'],
  ['MY', 1, 'Kuala Lumpur'],
  ['TH', 1, 'Bangkok'],
  ['ID', 1, 'Jakarta'],
  ['PH', 1, 'Manila'],
  ['VN', 1, 'Hanoi'],
  ['HK', 1, 'Hong Kong'],
  ['BR', 4, 'São Paulo'],
  ['MX', 2, 'Mexico City'],
  ['AR', 1, 'Buenos Aires'],
  ['CO', 1, 'Bogotá'],
  ['CL', 1, 'Santiago'],
  ['PE', 1, 'Lima'],
  ['ZA', 2, 'Johannesburg'],
  ['AE', 1, 'Dubai'],
  ['SA', 1, 'Riyadh'],
  ['TR', 1, 'Istanbul'],
  ['EG', 1, 'Cairo'],
  ['IL', 1, 'Tel Aviv'],
  ['NG', 1, 'Lagos'],
  ['KE', 1, 'Nairobi'],
];

export interface Country {
  readonly code: string;
  readonly weight: number;
  readonly city: string;
  readonly region: string;
}

export const countries: readonly Country[] = COUNTRIES.map(([code, weight, city]) => {
  const region = regionOf(code);
  if (region === undefined) throw new Error(`no CSP region for ${code}`);
  return { code, weight, city, region };
});

export const NAME_HEADS = [
  'Contoso',
  'Fabrikam',
  'Northwind',
  'Tailspin',
  'Litware',
  'Adatum',
  'Proseware',
  'Woodgrove',
  'Fourth Coffee',
  'Wingtip',
  'Alpine',
  'Blue Yonder',
  'Coho',
  'Lucerne',
  'Margie',
  'Relecloud',
  'Trey',
  'VanArsdel',
  'Wide World',
  'Humongous',
  'Graphic',
  'Southridge',
  'Lamna',
  'Datum',
  'Consolidated',
  'Nod',
  'Bellows',
  'Boreal',
  'Cascade',
  'Evergreen',
  'Granite',
  'Harbor',
  'Juniper',
  'Keystone',
  'Meridian',
  'Nimbus',
  'Orchid',
  'Pinnacle',
  'Quartz',
  'Redwood',
  'Summit',
  'Tidewater',
  'Unity',
  'Vertex',
  'Willow',
  'Zenith',
  'Hanbit',
  'Saerom',
  'Daehan',
  'Mirae',
] as const;
export const NAME_MIDS = [
  'Cloud',
  'IT',
  'Systems',
  'Digital',
  'Networks',
  'Technology',
  'Data',
  'Software',
  'Infotech',
  'Consulting',
  'Solutions',
  'Computing',
  'Managed Services',
  'Tech',
  'Business Systems',
  'Cyber',
  'Connect',
  'Logic',
] as const;
export const NAME_TAILS = [
  'Ltd',
  'Inc.',
  'GmbH',
  'LLC',
  'Pty Ltd',
  'S.A.',
  'B.V.',
  'Co., Ltd.',
  'AB',
  'Group',
] as const;
export const CUSTOMER_TAILS = [
  'Bakery',
  'Dental',
  'Logistics',
  'Law Firm',
  'Clinic',
  'Retail',
  'Foods',
  'Motors',
  'Architects',
  'School',
  'Hotel',
  'Pharmacy',
  'Accounting',
  'Studio',
  'Farm',
  'Builders',
  'Travel',
  'Insurance',
  'Labs',
  'Media',
] as const;
export const STREETS = [
  'Main St',
  'High Street',
  'Market Rd',
  'Station Rd',
  'Park Ave',
  'Church St',
  'Harbour Way',
  'Mill Lane',
] as const;
export const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Min-jun',
  'Seo-yeon',
  'Maria',
  'Lukas',
  'Aiko',
  'Priya',
  'Chen',
  'Fatima',
  'Liam',
  'Emma',
  'Noah',
] as const;
export const LAST = [
  'Kim',
  'Lee',
  'Park',
  'Smith',
  'Müller',
  'García',
  'Rossi',
  'Tanaka',
  'Sharma',
  'Wang',
  'Silva',
  'Novak',
  'Jones',
] as const;

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '');
}
