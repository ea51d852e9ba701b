import assert from 'node:assert/strict';
import { CsvSyntaxError, parseCsv } from '../../../../src/domain/shared/csv.js';
import { readMpnCsv } from '../../../../src/domain/enrollment/import-mpn-profiles.js';

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n';
    assert.deepEqual(parseCsv(text), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('reads a last line without a line break and an empty quoted field', () => {
    assert.deepEqual(parseCsv('a,""'), [{ line: 1, fields: ['a', ''] }]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    assert.throws(
      () => parseCsv('a\n"open,b\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
    assert.throws(
      () => parseCsv('a\n"x"y,b\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
    assert.throws(
      () => parseCsv('a\nx"y",b\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
  });
});

describe('MPN registry CSV', () => {
  it('E2: validates every row and reports bad ones by line number', () => {
    const { rows, problems } = readMpnCsv(
      [
        'mpnId,orgName,country,active',
        '1234567,"Contoso, Ltd",kr,true',
        '12,X,KR,true',
        '7654321,,ZZ,maybe',
        '1234567,Again,KR,false',
        '2345678,Only three,KR',
      ].join('\n'),
    );
    assert.deepEqual(rows, [{ mpnId: '1234567', orgName: 'Contoso, Ltd', country: 'KR', active: true }]);
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 4, 5, 6],
    );
    assert.match(problems[0].message, /mpnId/);
    assert.match(problems[1].message, /orgName.*country.*active/);
    assert.match(problems[2].message, /repeats line 2/);
    assert.match(problems[3].message, /expected 4 fields/);
  });

  it('E2: refuses a file without the expected header', () => {
    const { problems } = readMpnCsv('id,name,country,active\n1234567,A,KR,true\n');
    assert.equal(problems[0]?.line, 1);
  });

  it('E2: reads active as yes/no/true/false/1/0', () => {
    const { rows } = readMpnCsv('mpnId,orgName,country,active\n1234567,A,KR,no\n2345678,B,JP,1\n');
    assert.deepEqual(
      rows.map((r) => r.active),
      [false, true],
    );
  });
});
