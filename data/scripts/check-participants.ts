/**
 * Self-check of the participant reference data written by build-participants.ts:
 * data/participants.csv, data/regions.csv, data/participant-aliases.csv and the UNTC crosswalk
 * fixture test/fixtures/untc-participants.csv.
 *
 * Run from the repository root with Node 24: `npx node data/scripts/check-participants.ts`
 * Exits with status 1 and lists every problem found; prints a summary otherwise.
 *
 * The M49 membership lists below are typed independently of the generator's mapping (which starts
 * from the `world-countries` grouping), so a wrong mapping or override shows up here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { LANGUAGES } from '../../src/contracts/languages.ts';
import { normalizeName } from '../../src/modules/participants/participants.service.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SHARED_CROSSWALK = '/work/shared/data/participants.csv';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'untc-participants.csv');

const problems: string[] = [];
const fail = (message: string) => problems.push(message);

type Row = Record<string, string>;
function readCsv(path: string, header: string[]): Row[] {
  const text = readFileSync(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) fail(`${path}: starts with a byte-order mark`);
  if (text.includes('\r')) fail(`${path}: contains CR; line endings must be LF`);
  if (!text.endsWith('\n')) fail(`${path}: does not end with a newline`);
  const firstLine = text.slice(0, text.indexOf('\n'));
  if (firstLine !== header.join(',')) fail(`${path}: header is "${firstLine}", expected "${header.join(',')}"`);
  return parse(text, { columns: true, skip_empty_lines: false }) as Row[];
}
const get = (row: Row, column: string) => row[column] ?? '';

/** UN M49 members of each sub-region or intermediate region, for the participants of this file. */
const M49_MEMBERS: Record<string, string> = {
  '015': 'DZA EGY LBY MAR SDN TUN',
  '014': 'BDI COM DJI ERI ETH KEN MDG MWI MUS MOZ RWA SYC SOM SSD UGA TZA ZMB ZWE',
  '017': 'AGO CMR CAF TCD COG COD GNQ GAB STP',
  '018': 'BWA SWZ LSO NAM ZAF',
  '011': 'BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO',
  '029': 'ATG BHS BRB CUB DMA DOM GRD HTI JAM KNA LCA VCT TTO',
  '013': 'BLZ CRI SLV GTM HND MEX NIC PAN',
  '005': 'ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN',
  '021': 'CAN USA',
  '143': 'KAZ KGZ TJK TKM UZB',
  '030': 'CHN PRK JPN MNG KOR',
  '035': 'BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM',
  '034': 'AFG BGD BTN IND IRN MDV NPL PAK LKA',
  '145': 'ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM',
  '151': 'BLR BGR CZE HUN POL MDA ROU RUS SVK UKR',
  '154': 'DNK EST FIN ISL IRL LVA LTU NOR SWE GBR',
  '039': 'ALB AND BIH HRV GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP',
  '155': 'AUT BEL FRA DEU LIE LUX MCO NLD CHE',
  '053': 'AUS NZL',
  '054': 'FJI PNG SLB VUT',
  '057': 'KIR MHL FSM NRU PLW',
  '061': 'COK NIU WSM TON TUV',
};

/** Variants the alias file must contain (besides every crosswalk name), with their participant. */
const REQUIRED_ALIASES: [string, string][] = [
  ['Czechia', 'CZE'], ['Türkiye', 'TUR'], ['Eswatini', 'SWZ'], ['North Macedonia', 'MKD'], ['Saint Kitts and Nevis', 'KNA'],
  ['European Community', 'EUU'], ["Cote d'Ivoire", 'CIV'], ["Côte d'Ivoire", 'CIV'], ['Ivory Coast', 'CIV'], ['Burma', 'MMR'],
  ['Zaire', 'COD'], ['Republic of Macedonia', 'MKD'], ['Kingdom of the Netherlands', 'NLD'], ['Netherlands', 'NLD'],
  ['Bolivia', 'BOL'], ['Venezuela', 'VEN'], ['Iran', 'IRN'], ['Syria', 'SYR'], ['Laos', 'LAO'], ['Vietnam', 'VNM'],
  ['Russia', 'RUS'], ['Moldova', 'MDA'], ['Tanzania', 'TZA'], ['South Korea', 'KOR'], ['North Korea', 'PRK'],
  ['United States', 'USA'], ['United Kingdom', 'GBR'], ['Micronesia', 'FSM'], ['Palestine', 'PSE'], ['Vatican City', 'VAT'],
  ['Brunei', 'BRN'], ['East Timor', 'TLS'], ['Timor Leste', 'TLS'], ['Cabo Verde', 'CPV'], ['Sao Tome and Principe', 'STP'],
  ['Saint Lucia', 'LCA'], ['Saint Vincent and the Grenadines', 'VCT'], ['St. Lucia', 'LCA'], ['St. Vincent and the Grenadines', 'VCT'],
  ['Gambia', 'GMB'], ['Bahamas', 'BHS'], ['Congo', 'COG'], ['Republic of the Congo', 'COG'], ['Democratic Republic of Congo', 'COD'],
];

/** Names that must not resolve: former States that are not the same legal person, and "Holland". */
const FORBIDDEN_ALIASES = [
  'Yugoslavia', 'Socialist Federal Republic of Yugoslavia', 'Federal Republic of Yugoslavia', 'Serbia and Montenegro',
  'Czechoslovakia', 'USSR', 'Soviet Union', 'Union of Soviet Socialist Republics', 'German Democratic Republic', 'East Germany', 'Holland',
];

// --- Crosswalk fixture --------------------------------------------------------------------------
const fixtureBytes = readFileSync(FIXTURE);
if (existsSync(SHARED_CROSSWALK)) {
  if (!fixtureBytes.equals(readFileSync(SHARED_CROSSWALK))) fail(`${FIXTURE} is not a byte-exact copy of ${SHARED_CROSSWALK}`);
} else console.warn(`(${SHARED_CROSSWALK} not found: fixture not compared byte for byte)`);
const crosswalk = parse(fixtureBytes, { columns: true }) as Row[];

// --- regions.csv --------------------------------------------------------------------------------
const NAME_COLUMNS = ['name_en', 'name_fr', 'name_es', 'name_ru', 'name_ar', 'name_zh'];
const regions = readCsv(join(ROOT, 'data', 'regions.csv'), ['m49', 'parent_m49', 'level', ...NAME_COLUMNS]);
const regionByCode = new Map<string, Row>();
const PARENT_LEVEL: Record<string, string> = { region: 'world', subregion: 'region', intermediate: 'subregion' };
for (const r of regions) {
  const code = get(r, 'm49');
  if (regionByCode.has(code)) fail(`regions.csv: duplicate ${code}`);
  regionByCode.set(code, r);
  if (!/^\d{3}$/.test(code)) fail(`regions.csv: bad code "${code}"`);
  for (const c of NAME_COLUMNS) if (!get(r, c).trim()) fail(`regions.csv: ${code} has empty ${c}`);
}
for (const r of regions) {
  const code = get(r, 'm49');
  const level = get(r, 'level');
  if (level === 'world') {
    if (code !== '001' || get(r, 'parent_m49')) fail(`regions.csv: bad world row ${code}`);
    continue;
  }
  const parentLevel = PARENT_LEVEL[level];
  if (!parentLevel) fail(`regions.csv: ${code} has unknown level "${level}"`);
  else if (get(regionByCode.get(get(r, 'parent_m49')) ?? {}, 'level') !== parentLevel) fail(`regions.csv: ${code} (${level}) has parent ${get(r, 'parent_m49')}, not a ${parentLevel}`);
}
if (!regionByCode.has('001')) fail('regions.csv: World (001) missing');

// --- participants.csv ---------------------------------------------------------------------------
const participants = readCsv(join(ROOT, 'data', 'participants.csv'), [
  'id', 'iso3', 'iso2', 'm49', 'kind', 'region_m49', 'subregion_m49', 'intermediate_region_m49', ...NAME_COLUMNS,
]);
const byId = new Map<string, Row>();
const kinds: Record<string, number> = {};
const usedRegions = new Set(['001']);
const unique = { iso3: new Set<string>(), iso2: new Set<string>(), m49: new Set<string>() };
const expectedSub = new Map<string, string>();
for (const [code, members] of Object.entries(M49_MEMBERS)) for (const id of members.split(' ')) {
  if (expectedSub.has(id)) fail(`check table: ${id} listed twice`);
  expectedSub.set(id, code);
}
const crosswalkByIso3 = new Map(crosswalk.filter((r) => get(r, 'iso3')).map((r) => [get(r, 'iso3'), r]));

for (const p of participants) {
  const id = get(p, 'id');
  if (byId.has(id)) fail(`participants.csv: duplicate id ${id}`);
  byId.set(id, p);
  const kind = get(p, 'kind');
  kinds[kind] = (kinds[kind] ?? 0) + 1;
  for (const c of NAME_COLUMNS) {
    if (!get(p, c).trim()) fail(`participants.csv: ${id} has empty ${c}`);
    if (get(p, c) !== get(p, c).trim()) fail(`participants.csv: ${id} ${c} has surrounding spaces`);
  }
  if (kind === 'regional_economic_integration_org') {
    if (id !== 'EUU') fail(`participants.csv: unexpected organisation ${id}`);
    for (const c of ['iso3', 'iso2', 'm49', 'region_m49', 'subregion_m49', 'intermediate_region_m49']) if (get(p, c)) fail(`participants.csv: EUU has ${c}`);
    continue;
  }
  if (kind !== 'un_member_state' && kind !== 'non_member_state') fail(`participants.csv: ${id} has unknown kind "${kind}"`);
  if (get(p, 'iso3') !== id || !/^[A-Z]{3}$/.test(id)) fail(`participants.csv: ${id} id/iso3 mismatch`);
  if (!/^[A-Z]{2}$/.test(get(p, 'iso2'))) fail(`participants.csv: ${id} bad iso2`);
  if (!/^\d{3}$/.test(get(p, 'm49'))) fail(`participants.csv: ${id} bad m49 "${get(p, 'm49')}"`);
  for (const key of ['iso3', 'iso2', 'm49'] as const) {
    if (unique[key].has(get(p, key))) fail(`participants.csv: duplicate ${key} ${get(p, key)}`);
    unique[key].add(get(p, key));
  }
  // Region chain.
  const region = get(p, 'region_m49');
  const sub = get(p, 'subregion_m49');
  const inter = get(p, 'intermediate_region_m49');
  for (const code of [region, sub, inter]) if (code) usedRegions.add(code);
  if (get(regionByCode.get(region) ?? {}, 'level') !== 'region') fail(`participants.csv: ${id} region ${region} not a region in regions.csv`);
  if (get(regionByCode.get(sub) ?? {}, 'parent_m49') !== region) fail(`participants.csv: ${id} sub-region ${sub} not under ${region} in regions.csv`);
  if (inter && get(regionByCode.get(inter) ?? {}, 'parent_m49') !== sub) fail(`participants.csv: ${id} intermediate ${inter} not under ${sub} in regions.csv`);
  if (!inter && (sub === '202' || sub === '419')) fail(`participants.csv: ${id} lacks an intermediate region under ${sub}`);
  const expected = expectedSub.get(id);
  if (!expected) fail(`check table: ${id} is in no M49 list`);
  else if (expected !== (inter || sub)) fail(`participants.csv: ${id} placed in ${inter || sub}, M49 has it in ${expected}`);
  // Crosswalk authority.
  const cross = crosswalkByIso3.get(id);
  if (cross) {
    if (get(cross, 'un_name_en') !== get(p, 'name_en')) fail(`participants.csv: ${id} name_en "${get(p, 'name_en')}" ≠ crosswalk "${get(cross, 'un_name_en')}"`);
    if (get(cross, 'm49') !== get(p, 'm49')) fail(`participants.csv: ${id} m49 ≠ crosswalk`);
    if (get(cross, 'kind') !== kind) fail(`participants.csv: ${id} kind ≠ crosswalk`);
  }
}
for (const id of expectedSub.keys()) if (!byId.has(id)) fail(`participants.csv: ${id} missing`);
for (const code of regionByCode.keys()) if (!usedRegions.has(code)) fail(`regions.csv: ${code} is not used by any participant`);
for (const [kind, n] of Object.entries({ un_member_state: 193, non_member_state: 4, regional_economic_integration_org: 1 })) {
  if (kinds[kind] !== n) fail(`participants.csv: ${kinds[kind] ?? 0} rows of kind ${kind}, expected ${n}`);
}
for (const id of ['VAT', 'PSE', 'COK', 'NIU']) if (get(byId.get(id) ?? {}, 'kind') !== 'non_member_state') fail(`participants.csv: ${id} is not a non-member State`);
if (participants.length !== 198) fail(`participants.csv: ${participants.length} rows, expected 198 (193 + 4 + 1)`);

// --- participant-aliases.csv --------------------------------------------------------------------
const aliases = readCsv(join(ROOT, 'data', 'participant-aliases.csv'), ['alias', 'participant_id', 'note']);
const aliasTo = new Map<string, string>();
const foldTo = new Map<string, string>();
for (const a of aliases) {
  const alias = get(a, 'alias');
  const id = get(a, 'participant_id');
  if (!alias.trim() || alias !== alias.trim()) fail(`aliases: bad alias "${alias}"`);
  if (!byId.has(id)) fail(`aliases: "${alias}" points to unknown participant ${id}`);
  if (aliasTo.has(alias)) fail(`aliases: duplicate "${alias}"`);
  aliasTo.set(alias, id);
  const fold = alias.toLowerCase();
  if (foldTo.has(fold) && foldTo.get(fold) !== id) fail(`aliases: "${alias}" differs only in case from an alias of ${foldTo.get(fold)}`);
  foldTo.set(fold, id);
}
const expectedIdOf = (row: Row) => get(row, 'iso3') || (get(row, 'un_name_en') === 'European Union' ? 'EUU' : '');
for (const row of crosswalk) {
  const name = get(row, 'source_name');
  if (aliasTo.get(name) !== expectedIdOf(row)) fail(`aliases: crosswalk name "${name}" → ${aliasTo.get(name) ?? 'nothing'}, expected ${expectedIdOf(row)}`);
}
for (const [alias, id] of REQUIRED_ALIASES) if (aliasTo.get(alias) !== id) fail(`aliases: "${alias}" → ${aliasTo.get(alias) ?? 'nothing'}, expected ${id}`);

// Simulate the product's alias index (src/modules/participants/participants.seed.ts): identifiers,
// ISO alpha-2, current names in every language, then the alias file; the first claim on a key wins.
const index = new Map<string, { id: string; from: string }>();
const claim = (name: string, id: string, from: string) => {
  const key = normalizeName(name);
  const seen = index.get(key);
  if (!key) return;
  if (seen && seen.id !== id) fail(`alias index: "${name}" (${from}, ${id}) folds like ${seen.from} of ${seen.id}`);
  if (!seen) index.set(key, { id, from });
};
for (const p of participants) {
  claim(get(p, 'id'), get(p, 'id'), 'id');
  if (get(p, 'iso2')) claim(get(p, 'iso2'), get(p, 'id'), 'iso2');
  for (const lang of LANGUAGES) claim(get(p, `name_${lang}`), get(p, 'id'), `name_${lang}`);
}
for (const a of aliases) claim(get(a, 'alias'), get(a, 'participant_id'), 'alias');
const resolve = (name: string) => index.get(normalizeName(name))?.id;
let resolved = 0;
for (const row of crosswalk) {
  if (resolve(get(row, 'source_name')) === expectedIdOf(row)) resolved += 1;
  else fail(`alias index: crosswalk name "${get(row, 'source_name')}" resolves to ${resolve(get(row, 'source_name')) ?? 'nothing'}, expected ${expectedIdOf(row)}`);
}
for (const name of ['Cote d’Ivoire', 'COTE D’IVOIRE', 'turkiye', 'Sao Tomé and Principe']) if (!resolve(name)) fail(`alias index: "${name}" does not resolve`);
for (const name of FORBIDDEN_ALIASES) if (resolve(name)) fail(`alias index: "${name}" resolves to ${resolve(name)}; it must not`);

// --- Report -------------------------------------------------------------------------------------
if (problems.length) {
  console.error(`check-participants: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`participants.csv: ${participants.length} rows — ${kinds.un_member_state} UN Member States, ${kinds.non_member_state} non-member States (VAT, PSE, COK, NIU), ${kinds.regional_economic_integration_org} organisation (EUU); ids unique`);
console.log(`regions.csv: ${regions.length} rows, every region code used by participants.csv present, every participant in its UN M49 group`);
console.log(`participant-aliases.csv: ${aliases.length} rows, no duplicates, no case-only or normalised clash between participants`);
console.log(`crosswalk: ${crosswalk.length} source names, ${resolved} resolve to the crosswalk's participant through the alias index; fixture is byte-exact`);
