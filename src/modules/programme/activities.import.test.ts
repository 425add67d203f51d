import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { zipArchive } from '../../../test/helpers/zip.ts';

type Headers = Record<string, string>;

async function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array | string }) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file)
    body.append(
      'file',
      new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]),
      file.name,
    );
  const response = new Response(body);
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

const SHEET = [
  'Ref,Activity,Kind,State,From,To,Beneficiaries,Themes,Participants,Women,Men,Judges',
  'NE-01,Atelier national sur le financement du terrorisme,National workshop,delivered,2013-03-10,2013-03-12,Niger,financing_of_terrorism,30,10,18,6',
  'ML-02,Regional workshop for the Sahel,regional_workshop,planned,2013-05-20,2013-05-22,"Mali; Burkina Faso; TCD",victims,,,,',
].join('\n');
const MAPPING = {
  code: 'Ref',
  title: 'Activity',
  type: 'Kind',
  status: 'State',
  start_date: 'From',
  end_date: 'To',
  countries: 'Beneficiaries',
  participants_total: 'Participants',
  participants_women: 'Women',
  participants_men: 'Men',
  participants_judges: 'Judges',
};

describe('importing activities from a spreadsheet', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let partner: Headers;

  const upload = async (
    headers: Headers,
    fields: Record<string, string>,
    file?: { name: string; bytes: Uint8Array | string },
  ) => {
    const { payload, contentType } = await form(fields, file);
    return context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/activities/import',
      headers: { ...headers, 'content-type': contentType },
      payload,
    });
  };
  const activities = async () =>
    (
      await context.app.inject({
        method: 'GET',
        url: '/api/v1/programme/activities?limit=200&sort=startDate',
        headers: partner,
      })
    ).json();

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    const org = await createOrganization(db, 'Sahel Partners');
    await createOrganization(db, 'Other Organisation');
    partner = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'partner@example.org', role: 'partner', organizationId: org.id }),
      true,
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it('imports with a column mapping, names countries in any known form, and saves the mapping for next time', async () => {
    const response = await upload(
      partner,
      { mapping: JSON.stringify(MAPPING), saveMappingAs: 'Sahel matrix' },
      { name: 'matrix.csv', bytes: SHEET },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const { items } = await activities();
    expect(items.map((a: { code: string; organizationName: string }) => [a.code, a.organizationName])).toEqual([
      ['NE-01', 'Sahel Partners'],
      ['ML-02', 'Sahel Partners'],
    ]);
    expect(items[1].countries.map((c: { id: string }) => c.id).sort()).toEqual(['BFA', 'MLI', 'TCD']);
    expect(items[0].participants).toMatchObject({
      total: 30,
      women: 10,
      men: 18,
      notRecorded: 2,
      professions: { judges: 6 },
    });
    const saved = (
      await context.app.inject({ method: 'GET', url: '/api/v1/programme/import/mappings', headers: partner })
    ).json();
    expect(saved.items).toEqual([expect.objectContaining({ name: 'Sahel matrix', mapping: MAPPING })]);
  });

  it('re-importing the same sheet updates by the key column instead of duplicating, and reports unchanged rows', async () => {
    const {
      items: [mapping],
    } = (
      await context.app.inject({ method: 'GET', url: '/api/v1/programme/import/mappings', headers: partner })
    ).json();
    const again = await upload(partner, { mappingId: mapping.id }, { name: 'matrix.csv', bytes: SHEET });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = SHEET.replace('planned,2013-05-20,2013-05-22', 'delivered,2013-05-21,2013-05-23');
    const update = await upload(partner, { mappingId: mapping.id }, { name: 'matrix.csv', bytes: changed });
    expect(update.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const { items, total } = await activities();
    expect(total).toBe(2);
    expect(items[1]).toMatchObject({ code: 'ML-02', status: 'delivered', startDate: '2013-05-21' });
  });

  it('reads XLSX workbooks, with real date cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Activities');
    sheet.addRow(['code', 'title', 'type', 'start_date', 'end_date', 'countries', 'online']);
    sheet.addRow([
      'LA-03',
      'Online course on mutual legal assistance',
      'online_course',
      new Date(Date.UTC(2013, 8, 2)),
      new Date(Date.UTC(2013, 9, 31)),
      "Lao People's Democratic Republic",
      'yes',
    ]);
    const response = await upload(
      partner,
      {},
      { name: 'courses.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().created).toBe(1);
    const course = (await activities()).items.find((a: { code: string }) => a.code === 'LA-03');
    expect(course).toMatchObject({
      startDate: '2013-09-02',
      endDate: '2013-10-31',
      online: true,
      countries: [{ id: 'LAO' }],
    });
  });

  it('refuses a sheet with bad rows as a whole, with every problem by line and column', async () => {
    const before = (await activities()).total;
    const bad = [
      'code,title,type,start_date,end_date,countries,participants_total,participants_women,participants_men',
      'X-1,Fine row,national_workshop,2014-01-10,2014-01-11,NER,10,5,5',
      'X-2,Ends before it starts,national_workshop,2014-02-10,2014-02-01,NER,,,',
      'X-3,Unknown country,national_workshop,2014-03-10,2014-03-11,Atlantis,,,',
      'X-4,Negative count,national_workshop,2014-04-10,2014-04-11,NER,10,-1,2',
      'X-5,Too many,national_workshop,2014-05-10,2014-05-11,NER,10,8,7',
      'X-6,Bad type,picnic,2014-06-10,2014-06-11,NER,,,',
      'X-1,Same code twice,national_workshop,2014-07-10,2014-07-11,NER,,,',
    ].join('\n');
    const response = await upload(partner, {}, { name: 'bad.csv', bytes: bad });
    expect(response.statusCode).toBe(400);
    const errors = response
      .json()
      .errors.map((e: { line: number; field: string; reason: string }) => [e.line, e.field, e.reason]);
    expect(errors).toEqual([
      [3, 'end_date', 'must be on or after the start date'],
      [4, 'countries', expect.stringContaining('"Atlantis" is not a known country')],
      [5, 'participants_women', 'cannot be negative'],
      [6, 'participants_women', expect.stringContaining('more than the total (10)')],
      [7, 'type', expect.stringContaining('national_workshop')],
      [8, 'code', 'X-1 is also on line 2'],
    ]);
    // Each problem carries the code and values the web translates it by.
    expect(
      response.json().errors.map((e: { line: number; code?: string; params?: object }) => [e.line, e.code, e.params]),
    ).toEqual([
      [3, 'before_start_date', undefined],
      [4, 'unknown_country', { value: 'Atlantis' }],
      [5, 'too_small', expect.objectContaining({ origin: 'number', minimum: 0 })],
      [6, 'women_men_over_total', { women: 8, men: 7, total: 10 }],
      [7, 'one_of', { values: expect.stringContaining('national_workshop'), each: 'false' }],
      [8, 'duplicate_code', { value: 'X-1', line: 2 }],
    ]);
    expect((await activities()).total).toBe(before);
  });

  it("refuses another organisation's rows, a missing column, an empty file and an unsupported type", async () => {
    const foreign = await upload(
      partner,
      {},
      {
        name: 'a.csv',
        bytes:
          'code,title,type,start_date,end_date,countries,organization\nZ-1,T,national_workshop,2014-01-01,2014-01-01,NER,Other Organisation',
      },
    );
    expect(foreign.json().errors[0]).toMatchObject({
      line: 2,
      field: 'organization',
      reason: expect.stringContaining('your own organization'),
    });
    const missing = await upload(
      partner,
      {},
      { name: 'a.csv', bytes: 'code,title,start_date,end_date,countries\nZ-1,T,2014-01-01,2014-01-01,NER' },
    );
    expect(missing.json().errors[0]).toMatchObject({ line: 1, field: 'type' });
    const wrongMapping = await upload(
      partner,
      { mapping: JSON.stringify({ title: 'Name' }) },
      { name: 'a.csv', bytes: 'code,title\n' },
    );
    expect(wrongMapping.json().errors[0]).toMatchObject({
      line: 1,
      field: 'title',
      reason: 'the column "Name" is not in the file',
    });
    expect((await upload(partner, {}, { name: 'a.csv', bytes: '' })).json().errors[0]).toMatchObject({
      field: 'file',
      reason: 'is empty',
    });
    expect((await upload(partner, {}, { name: 'a.pdf', bytes: '%PDF-1.4' })).statusCode).toBe(415);
    expect((await upload(partner, {}, { name: 'a.xlsx', bytes: 'not a workbook' })).json().errors[0]).toMatchObject({
      field: 'file',
      reason: 'is not a readable XLSX workbook',
    });
  });

  it('refuses an XLSX that unpacks to more than LEXPACT_MAX_EXTRACTED_MB (413, naming the cap) before reading it, and imports nothing', async () => {
    // A sheet of 300 MB of rows in a file of about a megabyte.
    const row = '<row><c t="inlineStr"><is><t>National workshop on the financing of terrorism</t></is></c></row>';
    const bomb = zipArchive([
      {
        name: '[Content_Types].xml',
        runs: [
          {
            bytes: Buffer.from(
              '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            ),
          },
        ],
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        runs: [
          { bytes: Buffer.from('<worksheet><sheetData>') },
          { bytes: Buffer.from(row.repeat(10_000)), times: 300 },
          { bytes: Buffer.from('</sheetData></worksheet>') },
        ],
      },
    ]);
    const before = (await activities()).total;
    const response = await upload(partner, {}, { name: 'activities.xlsx', bytes: bomb });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'programme.archive_too_large',
      errors: [
        {
          field: 'file',
          reason: `Unpacked contents exceed the limit of ${100 * 1_048_576} bytes (LEXPACT_MAX_EXTRACTED_MB).`,
        },
      ],
    });
    expect((await activities()).total).toBe(before);
  });

  it('previews a dry run without writing anything', async () => {
    const before = (await activities()).total;
    const response = await upload(
      partner,
      { dryRun: 'true' },
      {
        name: 'a.csv',
        bytes: 'code,title,type,start_date,end_date,countries\nD-1,Dry,national_workshop,2015-01-01,2015-01-01,NER',
      },
    );
    expect(response.json()).toMatchObject({
      dryRun: true,
      created: 1,
      rows: [{ line: 2, code: 'D-1', action: 'created', id: null }],
    });
    expect((await activities()).total).toBe(before);
  });
});
