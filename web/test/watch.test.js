import { describe, it, expect } from 'vitest';
import {
  EVENT_GROUPS, eventGroup, normaliseName, watchEntriesFor, watchLabel, watchBody, alertFor, alertText, eventFacts, attributeText,
  attributeHtml, portPartsHtml, escapeHtml, utcTime, parametersHtml, unitOf, measured, durationText, distanceText,
  pictureTime, isStale, streamHealth, eventCountText, zoneRights, watchRights,
} from '../src/watch.js';

const KINDS = ['gap', 'encounter', 'loitering', 'drift', 'sudden_speed_change', 'identity_conflict', 'position_jump',
  'invalid_identity', 'position_on_land', 'zone_entry', 'zone_exit', 'watchlist_activity', 'watchlist_gap', 'port_visit', 'chokepoint_transit'];

describe('event groups', () => {
  it('puts every event kind of the API in a group of its own colour and label', () => {
    for (const k of KINDS) expect(eventGroup(k), k).not.toBe('other');
    expect(eventGroup('something_new')).toBe('other');
    const colors = Object.values(EVENT_GROUPS).map((g) => g.color);
    expect(new Set(colors).size).toBe(colors.length);
    const labels = Object.values(EVENT_GROUPS).map((g) => g.label);
    expect(new Set(labels).size).toBe(labels.length);
    // the groups the watch officer asked to tell apart
    expect(eventGroup('gap')).not.toBe(eventGroup('encounter'));
    expect(eventGroup('zone_entry')).toBe(eventGroup('zone_exit'));
    expect(eventGroup('identity_conflict')).toBe('identity');
    expect(eventGroup('port_visit')).toBe('port');
  });
});

describe('watchlist matching', () => {
  const entries = [
    { id: 'watch-1', mmsi: '219165000', note: 'ssc case' },
    { id: 'watch-2', imo: 9074729, note: 'sanctioned' },
    { id: 'watch-3', name: 'Ever-Given', note: '' },
  ];
  it('matches by MMSI, IMO number or normalised name, as the server does', () => {
    expect(normaliseName('  ever  given@@')).toBe('EVER GIVEN');
    expect(watchEntriesFor(entries, { mmsi: '219165000' }).map((e) => e.id)).toEqual(['watch-1']);
    expect(watchEntriesFor(entries, { mmsi: '563000001', imo: 9074729 }).map((e) => e.id)).toEqual(['watch-2']);
    expect(watchEntriesFor(entries, { mmsi: '563000001', name: 'EVER GIVEN' }).map((e) => e.id)).toEqual(['watch-3']);
    expect(watchEntriesFor(entries, { mmsi: '563000001', name: 'EVER GREEN' })).toEqual([]);
    expect(watchEntriesFor(entries, { mmsi: '563000001' })).toEqual([]);
    expect(watchEntriesFor(entries, null)).toEqual([]);
    expect(entries.map(watchLabel)).toEqual(['MMSI 219165000', 'IMO 9074729', 'name Ever-Given']);
  });
  it('builds the POST body from the form, refusing what the server would', () => {
    expect(watchBody('mmsi', ' 219165000 ', ' case ')).toEqual({ mmsi: '219165000', note: 'case' });
    expect(watchBody('imo', '9074729', '')).toEqual({ imo: 9074729, note: '' });
    expect(watchBody('imo', 'IMO 9239185', '')).toEqual({ imo: 9239185, note: '' });
    expect(watchBody('name', 'Ever Given', 'x')).toEqual({ name: 'Ever Given', note: 'x' });
    expect(() => watchBody('mmsi', '', '')).toThrow(/MMSI/);
    expect(() => watchBody('mmsi', '12345678901', '')).toThrow('an MMSI is 9 digits: 12345678901 has 11');
    // a digit left out is said, not read as a leading zero
    expect(() => watchBody('mmsi', '21212300', '')).toThrow('an MMSI is 9 digits: 21212300 has 8 (if you mean 021212300, write that)');
    expect(watchBody('mmsi', '002190047', '')).toEqual({ mmsi: '002190047', note: '' });
    // a station that sends a 10-digit MMSI (kept and listed by the server) can be watched, up to the
    // largest the 30-bit AIS field carries; a 10-digit value with a leading zero is a digit added
    expect(watchBody('mmsi', '1000873988', '')).toEqual({ mmsi: '1000873988', note: '' });
    expect(watchBody('mmsi', '1073741823', '')).toEqual({ mmsi: '1073741823', note: '' });
    expect(() => watchBody('mmsi', '1073741824', '')).toThrow('mmsi 1073741824 is above 1073741823, the largest MMSI an AIS message can carry');
    expect(() => watchBody('mmsi', '0212123000', '')).toThrow('an MMSI is 9 digits: 0212123000 has 10');
    expect(() => watchBody('imo', '907472', '')).toThrow(/7 digits/);
    expect(() => watchBody('imo', 'IMO', '')).toThrow(/7 digits: IMO/);
    expect(() => watchBody('name', '---', '')).toThrow(/letters or digits/);
    expect(() => watchBody('mmsi', '219165000', 'x'.repeat(1001))).toThrow(/1000/);
  });
});

describe('alerts', () => {
  const vessels = new Map([['219165000', { mmsi: '219165000', name: 'NORD SPIRIT' }], ['563000001', { mmsi: '563000001', name: 'LION STAR', imo: 9074729 }]]);
  const watchlist = [{ id: 'watch-2', imo: 9074729, note: 'sanctioned' }];
  it('raises zone entries and exits and watchlist activity, naming vessel, zone and note', () => {
    const a = alertFor({ id: 'e1', kind: 'zone_entry', start: '2026-11-01T11:00:00Z', vessels: ['219165000'], attributes: { zone_name: 'Anchorage A', zone_id: 'z1' } }, { vessels });
    expect(a).toEqual({ id: 'e1', kind: 'zone_entry', label: 'zone entry', vessels: [{ mmsi: '219165000', name: 'NORD SPIRIT' }], zone: 'Anchorage A', note: null, time: '2026-11-01T11:00:00Z' });
    expect(alertText(a)).toBe('zone entry · NORD SPIRIT (219165000) · zone Anchorage A');
    const w = alertFor({ id: 'e2', kind: 'watchlist_activity', start: 't', vessels: ['999000001'], attributes: { note: ['ssc case'] } }, { vessels });
    expect(w.note).toBe('ssc case');
    expect(alertText(w)).toBe('watchlist activity · 999000001 · note: ssc case');
  });
  it('raises any event of a watchlisted vessel, and no other', () => {
    const e = { id: 'e3', kind: 'gap', start: 't', vessels: ['563000001'], attributes: {} };
    expect(alertFor(e, { vessels, watchlist })).toMatchObject({ kind: 'gap', note: 'sanctioned', vessels: [{ mmsi: '563000001', name: 'LION STAR' }] });
    expect(alertFor(e, { vessels, watchlist: [] })).toBeNull();
    expect(alertFor({ id: 'e4', kind: 'encounter', vessels: ['219165000'] }, { vessels, watchlist })).toBeNull();
    expect(alertFor(null)).toBeNull();
  });
});

describe('event facts', () => {
  it('lists kind, times, duration, zone, note and the measured attributes, with the evidence count', () => {
    const rows = eventFacts({ kind: 'zone_exit', start: '2026-11-01T10:00:00Z', end: '2026-11-01T12:05:00Z', vessels: ['1'],
      attributes: { zone_name: 'TSS east', zone_id: 'z2', dwell_s: 7500, previous_lat: 1.234567, likely_disabling: true, matched: ['mmsi:1', 'imo:2'] } }, { evidence: 3 });
    expect(rows).toEqual([
      ['Kind', 'zone exit'], ['Start', '2026-11-01T10:00:00Z'], ['End', '2026-11-01T12:05:00Z'], ['Duration', { text: '2 h 05 min', title: '7500 s' }], ['Zone', 'TSS east'],
      ['dwell', { text: '2 h 05 min', title: '7500 s' }], ['previous lat', '1.235'], ['likely disabling', 'yes'], ['matched', 'mmsi:1, imo:2'], ['Evidence', '3 observations'],
    ]);
    const ongoing = eventFacts({ kind: 'port_visit', start: '2026-11-01T10:00:00Z', end: '2026-11-01T10:30:00Z', ongoing: true, attributes: { note: ['watch'] } });
    expect(ongoing).toContainEqual(['End', 'under way']);
    expect(ongoing).toContainEqual(['Duration', { text: '30 min so far', title: '1800 s' }]);
    expect(ongoing).toContainEqual(['Watchlist note', 'watch']);
    expect(ongoing.find((r) => r[0] === 'Evidence')).toBeUndefined();
  });
  it('leaves out a duration attribute that repeats the span, and keeps one that differs', () => {
    const gap = { kind: 'gap', start: '2026-11-01T10:00:00Z', end: '2026-11-01T12:14:00Z', vessels: ['219000001'],
      attributes: { duration_h: 2.233333, distance_m: 5000 } };
    // 2.233333 h is 8039.9988 s: the span of 8040 s to 6 decimals, shown once
    expect(eventFacts(gap)).toEqual([['Kind', 'gap'], ['Start', '2026-11-01T10:00:00Z'], ['End', '2026-11-01T12:14:00Z'],
      ['Duration', { text: '2 h 14 min', title: '8040 s' }], ['distance', { text: '5 km', title: '5000 m' }]]);
    expect(eventFacts({ ...gap, attributes: { duration_s: 8040.9 } }).map(([k]) => k)).not.toContain('duration');
    // more than a second apart: a different measure, kept beside the span
    expect(eventFacts({ ...gap, attributes: { duration_s: 8041.5 } })).toContainEqual(['duration', { text: '2 h 14 min', title: '8041.5 s' }]);
    expect(eventFacts({ ...gap, attributes: { duration_h: 2 } })).toContainEqual(['duration', { text: '2 h', title: '2 h = 7200 s' }]);
    // other durations equal to the span are not the span again
    expect(eventFacts({ ...gap, attributes: { dwell_s: 8040 } })).toContainEqual(['dwell', { text: '2 h 14 min', title: '8040 s' }]);
    // no span shown (no end): the attribute is the only duration, kept
    expect(eventFacts({ ...gap, end: undefined, attributes: { duration_h: 2.233333 } }).map(([k]) => k)).toEqual(['Kind', 'Start', 'End', 'duration']);
  });
  it('writes the times of the event and of its attributes with the formatter given', () => {
    const rows = eventFacts({ kind: 'port_visit', start: '2013-11-12T12:04:57.749Z', end: '2013-11-12T13:00:00Z',
      attributes: { arrival_ms: 1384257897749, previous_time: '2013-11-12T12:00:00Z', stop_count: 1, port_name: 'Landskrona' } }, { time: (t) => `<${t}>` });
    expect(rows).toEqual([['Kind', 'port visit'], ['Start', '<2013-11-12T12:04:57.749Z>'], ['End', '<2013-11-12T13:00:00Z>'], ['Duration', { text: '55 min 02 s', title: '3302.251 s' }],
      ['arrival', '<2013-11-12T12:04:57.749Z>'], ['previous time', '<2013-11-12T12:00:00Z>'], ['stop count', '1'], ['port name', 'Landskrona']]);
  });
  it('writes values and spans readably', () => {
    expect(attributeText(null)).toBe('—');
    expect(attributeText({ a: 1, stop_duration_s: 2.5, at_ms: 5, n: { b: true } })).toBe('a: 1; stop duration: 2.5 s; at: 5; n: (b: yes)');
    expect(attributeText([{ a: 1 }, 2])).toBe('(a: 1), 2');
  });
});

describe('quantities named with their unit', () => {
  it('writes spans of seconds in words', () => {
    expect(durationText(45)).toBe('45 s');
    expect(durationText(2.54)).toBe('2.5 s');
    expect(durationText(0)).toBe('0 s');
    expect(durationText(59.4)).toBe('59 s');
    expect(durationText(59.6)).toBe('1 min');
    expect(durationText(90)).toBe('1 min 30 s');
    expect(durationText(380.49)).toBe('6 min 20 s');
    expect(durationText(1800)).toBe('30 min');
    expect(durationText(3599.6)).toBe('1 h');
    expect(durationText(8040)).toBe('2 h 14 min');
    expect(durationText(7500)).toBe('2 h 05 min');
    expect(durationText(86400)).toBe('24 h');
    expect(durationText(47 * 3600 + 59 * 60)).toBe('47 h 59 min');
    expect(durationText(48 * 3600)).toBe('2 d');
    expect(durationText(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
    expect(durationText(3 * 86400 + 4 * 3600 + 29 * 60)).toBe('3 d 4 h');
    expect(durationText(-12)).toBe('-12 s');
    expect(durationText(NaN)).toBe('—');
    expect(durationText('60')).toBe('—');
  });

  it('writes distances of metres in m under 1 km, else in km', () => {
    expect(distanceText(2.54)).toBe('2.5 m');
    expect(distanceText(410)).toBe('410 m');
    expect(distanceText(999.4)).toBe('999 m');
    expect(distanceText(999.6)).toBe('1 km');
    expect(distanceText(1234)).toBe('1.2 km');
    expect(distanceText(12345)).toBe('12.3 km');
    expect(distanceText(250400)).toBe('250 km');
    expect(distanceText(null)).toBe('—');
  });

  it('reads the unit from the name: _s, _h, _hours, _m, _km, _nm, _kn, _deg', () => {
    expect(unitOf('min_gap_h')).toEqual({ quantity: 'duration', unit: 'h', base: 3600, name: 'min_gap' });
    expect(unitOf('min_gap_hours')).toEqual({ quantity: 'duration', unit: 'h', base: 3600, name: 'min_gap' });
    expect(unitOf('period_s')).toMatchObject({ quantity: 'duration', base: 1, name: 'period' });
    expect(unitOf('max_distance_m')).toMatchObject({ quantity: 'distance', base: 1, name: 'max_distance' });
    expect(unitOf('near_port_km')).toMatchObject({ quantity: 'distance', base: 1000 });
    expect(unitOf('min_shore_distance_nm')).toMatchObject({ quantity: 'distance', base: 1852 });
    expect(unitOf('max_speed_kn')).toMatchObject({ quantity: 'speed', unit: 'kn' });
    expect(unitOf('mean_deviation_deg')).toMatchObject({ quantity: 'angle', unit: '°' });
    // no unit: plain names, a time (_ms is epoch milliseconds), a unit inside the name, a bare suffix
    for (const n of ['fixes', 'arrival_ms', 'positions_12h_before', 'checks', '_s', 'm']) expect(unitOf(n)).toBeNull();
  });

  it('writes each quantity readably, its exact value (a duration in seconds) as the title', () => {
    expect(measured('min_gap_h', 6)).toEqual({ label: 'min gap', text: '6 h', title: '6 h = 21600 s' });
    expect(measured('min_gap_hours', 2.5)).toEqual({ label: 'min gap', text: '2 h 30 min', title: '2.5 h = 9000 s' });
    expect(measured('duration_s', 8040)).toEqual({ label: 'duration', text: '2 h 14 min', title: '8040 s' });
    expect(measured('max_distance_m', 500)).toEqual({ label: 'max distance', text: '500 m', title: '500 m' });
    expect(measured('moved_m', 12345.678)).toEqual({ label: 'moved', text: '12.3 km', title: '12345.678 m' });
    expect(measured('near_port_km', 5)).toEqual({ label: 'near port', text: '5 km', title: '5 km = 5000 m' });
    expect(measured('min_shore_distance_nm', 3.24)).toEqual({ label: 'min shore distance', text: '3.2 nm', title: '3.24 nm = 6000.48 m' });
    expect(measured('min_shore_distance_nm', 0.25)).toMatchObject({ text: '0.25 nm' });
    expect(measured('implied_speed_kn', 412.37)).toEqual({ label: 'implied speed', text: '412 kn', title: '412.37 kn' });
    expect(measured('mean_deviation_deg', 12.345)).toEqual({ label: 'mean deviation', text: '12.3°', title: '12.345°' });
    // only finite numbers: anything else is written as any other attribute
    expect(measured('duration_s', '8040')).toBeNull();
    expect(measured('duration_s', null)).toBeNull();
    expect(measured('fixes', 3)).toBeNull();
  });

  it('shows the parameters that fired an event as a labelled table, units with their values, every text escaped', () => {
    const e = { kind: 'gap', start: '2026-11-01T10:00:00Z', end: '2026-11-01T12:14:00Z', vessels: ['563000001'],
      parameters: { min_gap_h: 6, max_distance_m: 500, checks: ['mmsi_format', 'imo_check_digit'], require_stop_or_gap: true },
      attributes: { duration_s: 8040, likely_disabling: true } };
    const rows = eventFacts(e, { evidence: 2 });
    expect(rows).toEqual([
      ['Kind', 'gap'], ['Start', '2026-11-01T10:00:00Z'], ['End', '2026-11-01T12:14:00Z'], ['Duration', { text: '2 h 14 min', title: '8040 s' }],
      ['likely disabling', 'yes'],
      ['Parameters', { html: '<table class="attr-object params">'
        + '<tr><th title="min_gap_h">min gap</th><td><span class="measured" title="6 h = 21600 s">6 h</span></td></tr>'
        + '<tr><th title="max_distance_m">max distance</th><td><span class="measured" title="500 m">500 m</span></td></tr>'
        + '<tr><th title="checks">checks</th><td>mmsi_format, imo_check_digit</td></tr>'
        + '<tr><th title="require_stop_or_gap">require stop or gap</th><td>yes</td></tr></table>' }],
      ['Evidence', '2 observations'],
    ]);
    // none, or empty: no row
    expect(eventFacts({ ...e, parameters: {} }).map(([k]) => k)).not.toContain('Parameters');
    expect(eventFacts({ ...e, parameters: undefined }).map(([k]) => k)).not.toContain('Parameters');
    const evil = '<img src=x onerror=alert(1)>';
    const html = parametersHtml({ [`${evil}_m`]: 3, [`" onmouseover="alert(2)`]: evil, note: [evil] });
    expect(html).not.toMatch(/<img|" onmouseover/);
    expect(html).toBe('<table class="attr-object params">'
      + '<tr><th title="&lt;img src=x onerror=alert(1)&gt;_m">&lt;img src=x onerror=alert(1)&gt;</th><td><span class="measured" title="3 m">3 m</span></td></tr>'
      + '<tr><th title="&quot; onmouseover=&quot;alert(2)">&quot; onmouseover=&quot;alert(2)</th><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>'
      + '<tr><th title="note">note</th><td>&lt;img src=x onerror=alert(1)&gt;</td></tr></table>');
    expect(parametersHtml({})).toBe('—');
  });

  it('writes quantities inside structured attributes readably too, the unit out of a column heading only when every cell has it', () => {
    expect(attributeHtml([{ name: 'A', span_m: 1500, wait_s: 90 }, { name: 'B', span_m: 20, wait_s: 'n/a' }]))
      .toBe('<table class="attr-table"><thead><tr><th>name</th><th>span</th><th>wait s</th></tr></thead><tbody>'
        + '<tr><td>A</td><td><span class="measured" title="1500 m">1.5 km</span></td><td><span class="measured" title="90 s">1 min 30 s</span></td></tr>'
        + '<tr><td>B</td><td><span class="measured" title="20 m">20 m</span></td><td>n/a</td></tr></tbody></table>');
    expect(attributeHtml({ dwell_s: 7500, at: 'x' })).toBe('<table class="attr-object"><tr><th>dwell</th><td><span class="measured" title="7500 s">2 h 05 min</span></td></tr>'
      + '<tr><th>at</th><td>x</td></tr></table>');
  });

  it('renders the facts of an event without a position (an identity event) as of any other', () => {
    const e = { id: 'ev-id', kind: 'invalid_identity', start: '2026-11-01T11:00:00Z', end: '2026-11-01T11:00:00Z', vessels: ['123456789'],
      parameters: { checks: ['mmsi_format'] }, attributes: { reason: 'mmsi_format', mmsi: '123456789', value: '123456789', detail: 'MID 123 is not allocated' } };
    expect(eventFacts(e, { evidence: 0 })).toEqual([
      ['Kind', 'invalid identity'], ['Start', '2026-11-01T11:00:00Z'], ['End', '2026-11-01T11:00:00Z'],
      ['reason', 'mmsi_format'], ['value', '123456789'], ['detail', 'MID 123 is not allocated'],
      ['Parameters', { html: '<table class="attr-object params"><tr><th title="checks">checks</th><td>mmsi_format</td></tr></table>' }],
      ['Evidence', '0 observations'],
    ]);
  });
});

// A real port visit of several parts: analyze of AMSA's ais.txt.gz (2012-01-27) with the anchorages
// it yields (--anchorages --anchorage-hours 0.1 --anchorage-vessels 2) given back as --ports: MMSI
// 000000000 (two ships sending it) heard three times at Darwin's anchorage, as GET /api/events gives it.
const DARWIN_VISIT = {
  id: 'daaf3904be9f3292f6b884a9609c80d7', kind: 'port_visit', start: '2012-01-27T11:47:02.510Z', end: '2012-01-27T11:53:26Z',
  vessels: ['000000000'], lat: -12.471646, lon: 130.847076,
  attributes: {
    port_id: 'AUDRW', port_name: 'Darwin', unlocode: 'AUDRW', country: 'Australia', anchorage_id: 'anchorage-17241-67497',
    anchorage_name: 'Darwin anchorage 12.4716S 130.8471E', port_source: 'anchorages.geojson', arrival_ms: 1327664822510, departed: false,
    arrival_observed: false, stop_count: 3, stop_duration_s: 380.49, first_stop_start_ms: 1327664822510, last_stop_end_ms: 1327665206000,
    gap_count: 0, fixes: 159, confidence: 2, part_count: 3,
    parts: [
      { place: 'anchorage', anchorage_id: 'anchorage-17241-67497', anchorage_name: 'Darwin anchorage 12.4716S 130.8471E', lat: -12.471646, lon: 130.847076,
        start_ms: 1327664822510, end_ms: 1327664889000, departed: true, stop_count: 1, stop_duration_s: 66.49, fixes: 29 },
      { place: 'anchorage', anchorage_id: 'anchorage-17241-67497', anchorage_name: 'Darwin anchorage 12.4716S 130.8471E', lat: -12.471646, lon: 130.847076,
        start_ms: 1327664891000, end_ms: 1327665067000, departed: true, stop_count: 1, stop_duration_s: 176.0, fixes: 54 },
      { place: 'anchorage', anchorage_id: 'anchorage-17241-67497', anchorage_name: 'Darwin anchorage 12.4716S 130.8471E', lat: -12.471646, lon: 130.847076,
        start_ms: 1327665068000, end_ms: 1327665206000, departed: false, stop_count: 1, stop_duration_s: 138.0, fixes: 76 },
    ],
  },
};

const PARTS_HEAD = '<table class="attr-table parts"><thead><tr><th>#</th><th>Place</th><th>From</th><th>To</th><th>Stopped</th><th class="num">Fixes</th></tr></thead><tbody>';
const DARWIN_TITLE = 'title="anchorage-17241-67497 · -12.471646, 130.847076">Darwin anchorage 12.4716S 130.8471E <small>anchorage</small></td>';

describe('structured event attributes', () => {
  it('writes times as the panels do, in UTC', () => {
    expect(utcTime('2012-01-27T11:47:02.510Z')).toBe('2012-01-27 11:47:02Z');
    // the server's instants to the nanosecond (a token's expiry): to the second, not rounded up
    expect(utcTime('2026-12-07T09:16:11.045320745Z')).toBe('2026-12-07 09:16:11Z');
    expect(utcTime('2026-12-07T09:16:11.999999999Z')).toBe('2026-12-07 09:16:11Z');
    expect(utcTime(1327665206000)).toBe('2012-01-27 11:53:26Z');
    expect(utcTime('2026-11-01T10:00:00Z')).toBe('2026-11-01 10:00Z');
    expect(utcTime(null)).toBe('—');
    expect(utcTime('not a time')).toBe('—');
  });

  it('shows a port visit of several parts as a table of its parts, times in UTC', () => {
    const rows = eventFacts(DARWIN_VISIT, { evidence: 50, time: utcTime });
    const parts = `${PARTS_HEAD}`
      + `<tr><td>1</td><td ${DARWIN_TITLE}<td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:47:02Z</span></td><td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:48:09Z</span></td><td><span class="nowrap" title="66.49 s">1 min 06 s</span> <span class="nowrap">(1 stop)</span></td><td class="num">29</td></tr>`
      + `<tr><td>2</td><td ${DARWIN_TITLE}<td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:48:11Z</span></td><td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:51:07Z</span></td><td><span class="nowrap" title="176 s">2 min 56 s</span> <span class="nowrap">(1 stop)</span></td><td class="num">54</td></tr>`
      + `<tr><td>3</td><td ${DARWIN_TITLE}<td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:51:08Z</span></td><td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:53:26Z</span> <small>last fix</small></td><td><span class="nowrap" title="138 s">2 min 18 s</span> <span class="nowrap">(1 stop)</span></td><td class="num">76</td></tr>`
      + '</tbody></table>';
    expect(rows).toEqual([
      ['Kind', 'port visit'], ['Start', '2012-01-27 11:47:02Z'], ['End', '2012-01-27 11:53:26Z'], ['Duration', { text: '6 min 23 s', title: '383.49 s' }],
      ['port id', 'AUDRW'], ['port name', 'Darwin'], ['unlocode', 'AUDRW'], ['country', 'Australia'], ['anchorage id', 'anchorage-17241-67497'],
      ['anchorage name', 'Darwin anchorage 12.4716S 130.8471E'], ['port source', 'anchorages.geojson'], ['arrival', '2012-01-27 11:47:02Z'],
      ['departed', 'no'], ['arrival observed', 'no'], ['stop count', '3'], ['stop duration', { text: '6 min 20 s', title: '380.49 s' }],
      ['first stop start', '2012-01-27 11:47:02Z'], ['last stop end', '2012-01-27 11:53:26Z'], ['gap count', '0'], ['fixes', '159'],
      ['confidence', '2'], ['Parts', { html: parts }], ['Evidence', '50 observations'],
    ]);
    // no raw JSON anywhere
    expect(JSON.stringify(rows)).not.toContain('start_ms');
  });

  it('numbers the first and the last parts of a long visit and says how many are not listed', () => {
    const part = (i, place) => ({ place, ...(place === 'anchorage' ? { anchorage_id: `a${i}`, anchorage_name: `Outer ${i}` } : {}),
      start_ms: Date.UTC(2026, 10, 1, i), end_ms: Date.UTC(2026, 10, 1, i, 30), departed: true, stop_count: 0, stop_duration_s: 0, fixes: i });
    const a = { port_id: 'SGSIN', port_name: 'Singapore', part_count: 23, parts: [...Array(10).keys(), ...[13, 14, 15, 16, 17, 18, 19, 20, 21, 22]].map((i) => part(i, i % 2 ? 'port' : 'anchorage')) };
    const html = portPartsHtml(a, { time: utcTime });
    const numbers = [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(html).toContain('<tr><td>10</td><td title="SGSIN">Singapore <small>port</small></td><td><span class="nowrap">2026-11-01</span> <span class="nowrap">09:00Z</span></td><td><span class="nowrap">2026-11-01</span> <span class="nowrap">09:30Z</span></td><td>no stop</td><td class="num">9</td></tr>'
      + '<tr class="parts-skipped"><td colspan="6">… 3 parts not listed …</td></tr><tr><td>14</td><td title="SGSIN">Singapore <small>port</small></td><td><span class="nowrap">2026-11-01</span> <span class="nowrap">13:00Z</span></td>');
  });

  it('escapes names and values from AIS: no markup gets through', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = portPartsHtml({ port_name: '"><script>alert(1)</script>', port_id: 'p" onmouseover="alert(2)', part_count: 2, parts: [
      { place: 'anchorage', anchorage_id: 'x" onmouseover="alert(3)', anchorage_name: evil, lat: 1, lon: 2, start_ms: 0, end_ms: 1, departed: true, stop_count: 1, stop_duration_s: 5, fixes: '<b>3</b>' },
      { place: '<i>port</i>', start_ms: 2, end_ms: 3, departed: false, stop_count: 0, fixes: 1 },
    ] }, { time: utcTime });
    expect(html).not.toMatch(/<(img|script|b|i)[ >]/);
    expect(html).not.toMatch(/" onmouseover/);
    expect(html).toContain('title="x&quot; onmouseover=&quot;alert(3) · 1, 2">&lt;img src=x onerror=alert(1)&gt; <small>anchorage</small>');
    expect(html).toContain('<td class="num">&lt;b&gt;3&lt;/b&gt;</td>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; <small>&lt;i&gt;port&lt;/i&gt;</small>');
    const rows = eventFacts({ kind: 'encounter', attributes: { '<b>k</b>': { name: evil }, list: [{ [evil]: evil }] } });
    const html2 = rows.filter(([, v]) => typeof v !== 'string').map(([, v]) => v.html).join('');
    expect(html2).not.toMatch(/<(img|b)[ >]/);
    expect(rows.find(([k]) => k === '<b>k</b>')).toEqual(['<b>k</b>', { html: '<table class="attr-object"><tr><th>name</th><td>&lt;img src=x onerror=alert(1)&gt;</td></tr></table>' }]);
    expect(escapeHtml(`a&b<'">`)).toBe('a&amp;b&lt;&#39;&quot;&gt;');
  });

  it('writes other lists and objects readably: tables of objects, comma lists of values, nested key: value', () => {
    expect(attributeHtml([{ name: 'A', at_ms: 1327664822510, ok: true }, { name: 'B', extra: [1, 2.34567] }], { time: utcTime }))
      .toBe('<table class="attr-table"><thead><tr><th>name</th><th>at</th><th>ok</th><th>extra</th></tr></thead><tbody>'
        + '<tr><td>A</td><td><span class="nowrap">2012-01-27</span> <span class="nowrap">11:47:02Z</span></td><td>yes</td><td></td></tr><tr><td>B</td><td></td><td></td><td>1, 2.346</td></tr></tbody></table>');
    expect(attributeHtml({ from: { lat: 1.5, time: '2026-11-01T10:00:00Z' }, tags: ['a', 'b'] }, { time: utcTime }))
      .toBe('<table class="attr-object"><tr><th>from</th><td><table class="attr-object"><tr><th>lat</th><td>1.5</td></tr>'
        + '<tr><th>time</th><td><span class="nowrap">2026-11-01</span> <span class="nowrap">10:00Z</span></td></tr></table></td></tr><tr><th>tags</th><td>a, b</td></tr></table>');
    expect(attributeHtml([1, [2, 3]])).toBe('<ol class="attr-list"><li>1</li><li>2, 3</li></ol>');
    expect(attributeHtml({})).toBe('—');
    // a list of values stays a text row, an object becomes a table row
    const rows = eventFacts({ kind: 'watchlist_activity', attributes: { matched: ['mmsi:1'], where: { zone: 'z' } } });
    expect(rows.slice(3)).toEqual([['matched', 'mmsi:1'], ['where', { html: '<table class="attr-object"><tr><th>zone</th><td>z</td></tr></table>' }]]);
    // deeper than three levels: text
    expect(attributeHtml({ a: { b: { c: { d: 1 } } } })).toBe('<table class="attr-object"><tr><th>a</th><td><table class="attr-object"><tr><th>b</th><td>'
      + '<table class="attr-object"><tr><th>c</th><td>d: 1</td></tr></table></td></tr></table></td></tr></table>');
  });
});

describe('staleness and stream health', () => {
  it('judges staleness from the newest report in the picture, not the wall clock', () => {
    const vs = [{ last_seen: '2014-10-05T10:00:00Z' }, { last_seen: '2014-10-05T12:00:00Z' }, {}];
    const now = pictureTime(vs);
    expect(now).toBe(Date.parse('2014-10-05T12:00:00Z'));
    expect(vs.map((v) => isStale(v, now))).toEqual([true, false, true]);
    expect(pictureTime([{}])).toBeNull();
    expect(isStale({ last_seen: '2000-01-01T00:00:00Z' }, null)).toBe(false);
  });
  it('says live, quiet or down', () => {
    const now = 1_000_000_000;
    expect(streamHealth({ connected: true, lastData: now - 10e3, now })).toEqual({ state: 'live', text: 'live' });
    expect(streamHealth({ connected: true, lastData: null, now })).toEqual({ state: 'live', text: 'live' });
    expect(streamHealth({ connected: true, lastData: now - 7 * 60e3, now })).toEqual({ state: 'quiet', text: 'live, no data for 7 min' });
    expect(streamHealth({ connected: false, since: null, now })).toEqual({ state: 'down', text: 'not live' });
    expect(streamHealth({ connected: false, since: now - 90e3, now })).toEqual({ state: 'down', text: 'stream lost 1 min 30 s ago' });
  });
});

describe('event count', () => {
  it('says plainly when older events exist beyond those loaded', () => {
    expect(eventCountText({ shown: 5, held: 5, truncated: false, limit: 5000 })).toBe('5 of 5 events');
    expect(eventCountText({ shown: 4, held: 5, truncated: false, limit: 5000, underWay: 1 })).toBe('4 of 5 events (1 under way)');
    expect(eventCountText({ shown: 5000, held: 5000, truncated: true, limit: 5000 }))
      .toBe('5000 of 5000 events. Only the newest 5,000 are loaded: older events exist beyond these; set From/To (UTC) to load an earlier window.');
    expect(eventCountText({ shown: 10, held: 5000, truncated: true, limit: 5000, windowed: true })).toMatch(/newest 5,000 of this window are loaded/);
  });
  it('says when the list draws fewer than the filters keep, and for which vessel the events were loaded', () => {
    expect(eventCountText({ shown: 1000, held: 1200, truncated: false, limit: 5000, listed: 1000 })).toBe('1000 of 1200 events');
    expect(eventCountText({ shown: 3400, held: 5000, truncated: false, limit: 5000, listed: 1000 }))
      .toBe('3400 of 5000 events; the newest 1,000 are listed: narrow the filters to list the others');
    expect(eventCountText({ shown: 5000, held: 5000, truncated: true, limit: 5000, listed: 1000, windowed: true, vessel: '563000001' }))
      .toBe('5000 of 5000 events; the newest 1,000 are listed: narrow the filters to list the others. Only the newest 5,000 of vessel 563000001'
        + ' are loaded: older events exist beyond these; set From/To (UTC) to load an earlier window.');
  });
});

describe('rights', () => {
  it('lets analysts and admins draw zones and delete their organisation\'s, host admins any', () => {
    const viewer = zoneRights({ role: 'viewer', org: 'host', host: true });
    expect(viewer.draw).toBe(false);
    expect(viewer.remove({ owner_org: 'host' })).toBe(false);
    const analyst = zoneRights({ role: 'analyst', org: 'mrcc', host: false });
    expect(analyst.remove({ owner_org: 'mrcc' })).toBe(true);
    expect(analyst.remove({ owner_org: 'host' })).toBe(false);
    expect(zoneRights({ role: 'admin', org: 'host', host: true }).remove({ owner_org: 'mrcc' })).toBe(true);
    expect(zoneRights({ anonymous: true }).draw).toBe(false);
    expect(zoneRights(null).draw).toBe(false);
  });
  it('shows the watchlist to the host organisation and lets its analysts change it', () => {
    expect(watchRights({ role: 'viewer', host: true })).toEqual({ see: true, change: false });
    expect(watchRights({ role: 'analyst', host: true })).toEqual({ see: true, change: true });
    expect(watchRights({ role: 'admin', host: false })).toEqual({ see: false, change: false });
    expect(watchRights({ anonymous: true, host: true })).toEqual({ see: false, change: false });
  });
});
