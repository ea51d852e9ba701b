/**
 * ISO 3166-1 alpha-2 country → CSP region (P6: partner–partner relationships only within one region;
 * C7: a partner sells only to customers in its own region).
 *
 * Source: Microsoft Partner Center, "Cloud Solution Provider program regional markets and currencies
 * where you can sell CSP offers" (learn.microsoft.com/partner-center/regional-authorization-overview,
 * ms.date 04/15/2021, read from the MicrosoftDocs/partner-center-pr.* localisation mirrors; the
 * 2019 revision has the same lists). The page lists, per region, every market a partner located in
 * that region may sell to; the lists below follow it row for row. Microsoft's own oddities are kept as
 * published (French Polynesia and New Caledonia under Africa; Lesotho, Mozambique, South Africa and
 * Eswatini under "Middle East, Central and Eastern Europe"; Puerto Rico and Antarctica under Latin
 * America; American Samoa under New Zealand; Guam and the Northern Mariana Islands under Australia).
 *
 * Decisions where the page is silent or unclear (see the report / README):
 * - "Saba", "Sint Eustatius" and "Bonaire" are separate rows there; ISO has one code (BQ): Latin America.
 * - Kosovo is listed (Middle East/CEE) but has no ISO 3166-1 code; the user-assigned XK is mapped too.
 * - China (CN) is not on the page: CSP in China is a separate Partner Center operated by 21Vianet, so
 *   it is its own single-country region "china" (no relationship crosses into or out of it).
 * - Cuba, Iran, North Korea, Syria, Sudan (embargoed markets) and Western Sahara are not listed:
 *   they map to "unsupported", which is in no region; P6/C7 refuse every pairing that involves them.
 * The regions themselves (15 + china) are the page's section headings.
 */
export const cspRegions = [
  'africa',
  'asia_pacific',
  'australia',
  'brazil',
  'canada',
  'europe',
  'india',
  'japan',
  'korea',
  'latin_america',
  'middle_east_europe',
  'new_zealand',
  'russia',
  'taiwan',
  'united_states',
  'china',
  'unsupported',
] as const;

export type CspRegion = (typeof cspRegions)[number];

const table: Readonly<Record<CspRegion, string>> = {
  africa:
    'AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ GQ ER ET PF GA GM GH GN GW KE LR MG MW ML MU YT NA NC NE NG RE RW ST SN SC SL SO SS SH TZ TG UG ZM',
  asia_pacific: 'BD BT BN KH HK ID LA MO MY MV MM NP PH SG LK TH TL VN',
  australia: 'AU CX CC CK FJ TF GU HM KI MH FM NR NU NF MP PW PG PN SB TK TO TV WF',
  brazil: 'BR',
  canada: 'CA PM',
  europe:
    'AX AD AT BE BV BG HR CY CZ DK EE FO FI FR DE GI GR GL GG HU IS IE IM IT JE LV LI LT LU MT MC NL NO PL PT RO SM SK SI ES SJ SE CH GB VA',
  india: 'IN',
  japan: 'JP',
  korea: 'KR',
  latin_america:
    'AI AQ AG AR AW BS BB BZ BM BO BQ VG KY CL CO CR CW DM DO EC SV FK GF GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF VC SX GS SR TT TC UY VE VI',
  middle_east_europe:
    'AF AL DZ AM AZ BH BY BA IO EG GE IQ IL JO KZ XK KW KG LB LS LY MK MR MD MN ME MA MZ OM PK PS QA SA RS ZA SZ TJ TN TR TM UA AE UZ YE ZW',
  new_zealand: 'AS NZ WS VU',
  russia: 'RU',
  taiwan: 'TW',
  united_states: 'US UM',
  china: 'CN',
  unsupported: 'CU IR KP SY SD EH',
};

const byCountry: ReadonlyMap<string, CspRegion> = new Map(
  (Object.entries(table) as [CspRegion, string][]).flatMap(([region, codes]) =>
    codes.split(' ').map((code) => [code, region] as const),
  ),
);

/** Every country code the table knows (the 249 ISO 3166-1 codes plus XK). */
export function knownCountries(): readonly string[] {
  return [...byCountry.keys()].sort();
}

/** The CSP region of an ISO 3166-1 alpha-2 code (any case), or undefined for an unknown code. */
export function regionOf(country: string): CspRegion | undefined {
  return byCountry.get(country.trim().toUpperCase());
}

/** Whether partners located in `country` can transact in CSP at all. */
export function isServedCountry(country: string): boolean {
  const r = regionOf(country);
  return r !== undefined && r !== 'unsupported';
}

/** P6/C7: two parties are in one region. An unsupported or unknown country is in none. */
export function sameRegion(a: string, b: string): boolean {
  return a === b && a !== 'unsupported' && (cspRegions as readonly string[]).includes(a);
}

/** The i18n key of a region's display name (src/i18n/<locale>/partnerships.ts). */
export function regionNameKey(region: CspRegion): `region.${CspRegion}` {
  return `region.${region}`;
}
