import assert from 'node:assert/strict';
import { countryName, countryOptions } from '../../../../src/i18n/format/index.js';
import { knownCountries, regionOf, sameRegion } from '../../../../src/domain/shared/regions.js';

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (as of 2024). */
const iso3166 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

describe('regions', () => {
  it('maps every one of the 249 ISO 3166-1 alpha-2 codes to a region', () => {
    const codes = iso3166.split(' ');
    assert.equal(codes.length, 249);
    assert.equal(new Set(codes).size, 249);
    const unmapped = codes.filter((c) => regionOf(c) === undefined);
    assert.deepEqual(unmapped, []);
    // nothing extra apart from Kosovo's user-assigned code
    assert.deepEqual(
      knownCountries().filter((c) => !codes.includes(c)),
      ['XK'],
    );
  });

  const known: [string, string][] = [
    ['KR', 'korea'],
    ['US', 'united_states'],
    ['UM', 'united_states'],
    ['CA', 'canada'],
    ['PM', 'canada'],
    ['BR', 'brazil'],
    ['DE', 'europe'],
    ['GB', 'europe'],
    ['CH', 'europe'],
    ['NO', 'europe'],
    ['VA', 'europe'],
    ['JP', 'japan'],
    ['IN', 'india'],
    ['TW', 'taiwan'],
    ['RU', 'russia'],
    ['AU', 'australia'],
    ['FJ', 'australia'],
    ['NZ', 'new_zealand'],
    ['WS', 'new_zealand'],
    ['SG', 'asia_pacific'],
    ['HK', 'asia_pacific'],
    ['VN', 'asia_pacific'],
    ['KE', 'africa'],
    ['NG', 'africa'],
    ['ZA', 'middle_east_europe'],
    ['TR', 'middle_east_europe'],
    ['AE', 'middle_east_europe'],
    ['UA', 'middle_east_europe'],
    ['MX', 'latin_america'],
    ['PR', 'latin_america'],
    ['BQ', 'latin_america'],
    ['CN', 'china'],
    ['IR', 'unsupported'],
    ['KP', 'unsupported'],
  ];
  for (const [code, region] of known) {
    it(`P6/C7 table: ${code} is in ${region}`, () => assert.equal(regionOf(code), region));
  }

  it('accepts lower case and rejects unknown codes', () => {
    assert.equal(regionOf('kr'), 'korea');
    assert.equal(regionOf('QQ'), undefined);
  });

  it('P6: sameRegion is true only for one served region', () => {
    assert.equal(sameRegion('europe', 'europe'), true);
    assert.equal(sameRegion('europe', 'korea'), false);
    assert.equal(sameRegion('unsupported', 'unsupported'), false);
  });

  it('names countries in English and Korean from ICU', () => {
    assert.equal(countryName('KR', 'ko-KR'), '대한민국');
    assert.equal(countryName('DE', 'en-US'), 'Germany');
    assert.equal(countryName('JP', 'ko-KR'), '일본');
    const ko = countryOptions('ko-KR');
    assert.ok(ko.length > 240);
    assert.ok(!ko.some((o) => o.code === 'KP'));
    assert.equal(ko.find((o) => o.code === 'KR')?.region, 'korea');
  });
});

describe('region names', () => {
  it('every region has a name in both locales', async () => {
    const { t } = await import('../../../../src/i18n/index.js');
    const { cspRegions, regionNameKey } = await import('../../../../src/domain/shared/regions.js');
    for (const r of cspRegions) {
      assert.notEqual(t('en-US', regionNameKey(r)), regionNameKey(r));
      assert.notEqual(t('ko-KR', regionNameKey(r)), t('en-US', regionNameKey(r)));
    }
  });
});
