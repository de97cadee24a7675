import { describe, it, expect } from 'vitest';
import {
  categoryKey, incidentWhen, incidentsToGeoJSON, upsertIncident, withdrawIncident, nearbyOverlay, approachBetween, validImo, incidentFromForm, formFromIncident, formWhen, listOf, shareBody,
} from '../src/incidents.js';

const inc = (id, time, extra = {}) => ({ id, time, lat: 1.2, lon: 103.8, type: 'robbery', tlp: 'AMBER', ...extra });

describe('incident layer data', () => {
  it('shows a report known only to the day by its date, not a midnight', () => {
    const time = (t) => `T(${t})`;
    expect(incidentWhen(inc('a', '2022-06-01T00:00:00Z', { date_only: true }), time)).toBe('2022-06-01');
    expect(incidentWhen(inc('b', '2022-06-01T00:00:00Z'), time)).toBe('T(2022-06-01T00:00:00Z)');
    expect(incidentWhen(inc('c', '2022-05-02T02:33:00Z', { date_only: false }), time)).toBe('T(2022-05-02T02:33:00Z)');
    // IMB's "1430 LT": the local time of day, its zone not given
    expect(incidentWhen(inc('d', '2015-01-08T00:00:00Z', { date_only: true, local_time: '14:30' }), time)).toBe('2015-01-08 14:30 LT');
  });

  it('keys categories and drops incidents without a valid position', () => {
    expect(categoryKey('CAT 1')).toBe('1');
    expect(categoryKey('CAT 4')).toBe('4');
    expect(categoryKey(undefined)).toBe('none');
    expect(categoryKey('CAT 5')).toBe('none');
    const fc = incidentsToGeoJSON([inc('a', 't', { category: 'CAT 2', category_override: { category: 'CAT 2' } }),
      inc('b', 't', { lat: 95 }), inc('c', 't', { lon: NaN })]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry.coordinates).toEqual([103.8, 1.2]);
    expect(fc.features[0].properties).toEqual({ id: 'a', cat: '2', type: 'robbery', tlp: 'AMBER', overridden: true });
  });

  it('upserts by id in time order', () => {
    const list = [inc('a', '2025-01-02T00:00:00Z'), inc('b', '2025-01-03T00:00:00Z')];
    upsertIncident(list, inc('c', '2025-01-01T00:00:00Z'));
    upsertIncident(list, inc('b', '2025-01-03T00:00:00Z', { type: 'hijacking' }));
    expect(list.map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(list[2].type).toBe('hijacking');
  });

  it('withdraws by id, leaving the others in order', () => {
    const list = [inc('c', '2025-01-01T00:00:00Z'), inc('a', '2025-01-02T00:00:00Z'), inc('b', '2025-01-03T00:00:00Z')];
    expect(withdrawIncident(list, 'a').map((x) => x.id)).toEqual(['c', 'b']);
    expect(withdrawIncident(list, 'zz')).toBe(list);
    expect(list).toHaveLength(3);
  });
});

describe('who was there overlay', () => {
  it('lists the vessels and gives their tracks, closest points and the victim track', () => {
    const o = nearbyOverlay({
      vessels: [
        { mmsi: '219001555', distance_m: 391.5, time: '2013-11-12T12:01:00Z', lat: 56.04, lon: 12.62, track: { type: 'LineString', coordinates: [[12.6, 56], [12.62, 56.04]] } },
        { mmsi: '220321000', distance_m: 457.6, time: '2013-11-12T12:02:30Z', lat: 56.041, lon: 12.63, interpolated: true,
          between: ['2013-11-12T12:01:00Z', '2013-11-12T12:04:00Z'] },
      ],
      victim: { mmsi: '219000769', matched_by: 'imo', track: { type: 'Point', coordinates: [12.61, 56.03] } },
    });
    expect(o.mmsis).toEqual(['219001555', '220321000']);
    expect(o.tracks.features.map((f) => f.properties.role)).toEqual(['nearby', 'closest', 'closest', 'victim']);
    expect(o.tracks.features[1].properties.distance_m).toBe(391.5);
    expect(o.tracks.features[3].geometry.type).toBe('Point');
    expect(o.tracks.features[1].properties.interpolated).toBe(false);
    expect(o.tracks.features[2].properties.interpolated).toBe(true);
    expect(nearbyOverlay({}).mmsis).toEqual([]);
  });

  it('says when a closest approach lies between two fixes', () => {
    const v = { interpolated: true, between: ['2013-11-12T12:01:00Z', '2013-11-12T12:04:00Z'] };
    expect(approachBetween(v)).toBe(' · on the leg between fixes at 2013-11-12T12:01:00Z and 2013-11-12T12:04:00Z');
    expect(approachBetween(v, (t) => t.slice(11, 16))).toBe(' · on the leg between fixes at 12:01 and 12:04');
    expect(approachBetween({ interpolated: false })).toBe('');
    expect(approachBetween({})).toBe('');
    expect(approachBetween({ interpolated: true, between: ['x'] })).toBe('');
  });
});

describe('report form', () => {
  const ok = { lat: '1.12', lon: '103.52', date: '2025-03-01', time: '02:59', type: 'robbery', victim_name: ' OCEAN STAR ', victim_imo: '9074729', perpetrators: '3', weapons: 'knives', tlp: 'AMBER' };
  it('builds the POST body', () => {
    expect(incidentFromForm(ok)).toEqual({
      time: '2025-03-01T02:59:00Z', date_only: false, lat: 1.12, lon: 103.52, type: 'robbery', weapons: 'knives', perpetrators: 3,
      victim: { name: 'OCEAN STAR', imo: 9074729 }, tlp: 'AMBER',
    });
    expect(incidentFromForm({ ...ok, time: '02:59:41' }).time).toBe('2025-03-01T02:59:41Z');
    // no time of day: a report known only to its date, with the local time it gives
    expect(incidentFromForm({ ...ok, time: '', local_time: '14:30' })).toMatchObject({ time: '2025-03-01T00:00:00Z', date_only: true, local_time: '14:30' });
    expect(incidentFromForm({ ...ok, time: '' })).not.toHaveProperty('local_time');
  });
  it('names the bad field', () => {
    expect(() => incidentFromForm({ ...ok, lat: '91' })).toThrow('latitude');
    expect(() => incidentFromForm({ ...ok, lon: '' })).toThrow('longitude');
    expect(() => incidentFromForm({ ...ok, date: '' })).toThrow('date is required');
    expect(() => incidentFromForm({ ...ok, date: '2025-02-30' })).toThrow('date is not a date: 2025-02-30');
    expect(() => incidentFromForm({ ...ok, time: '24:00' })).toThrow('time must be hh:mm (UTC), or empty for a report known only to its date: 24:00');
    expect(() => incidentFromForm({ ...ok, time: '', local_time: '2:34' })).toThrow('local time must be hh:mm (00:00..23:59): 2:34');
    expect(() => incidentFromForm({ ...ok, local_time: '14:30' }))
      .toThrow('local time 14:30 goes only with a report known only to its date: clear it, or clear the UTC time');
    expect(() => incidentFromForm({ ...ok, type: 'piracy' })).toThrow('incident type');
    expect(() => incidentFromForm({ ...ok, victim_imo: '9074728' })).toThrow('check digit');
    expect(() => incidentFromForm({ ...ok, victim_mmsi: '12345' })).toThrow('nine digits');
    expect(() => incidentFromForm({ ...ok, perpetrators: '2.5' })).toThrow('whole number');
  });

  // shaped after IMB's row of 8 January 2015 off Pulau Nipah, "1430 LT": known to the day, its local time kept apart
  const imb = {
    id: 'imb-3c1f0a7d', time: '2015-01-08T00:00:00Z', date_only: true, local_time: '14:30', lat: 1.1833333333333333, lon: 103.61666666666667,
    place: 'Around 2.7nm NW of Pulau Nipah', type: 'robbery', victim: { type: 'Tug and Barge', status: 'unknown', description: 'barge under tow' },
    weapons: 'not_stated', crew_harm: 'not_stated', loss: 'cargo_or_ship', actions_taken: ['reported to the local authorities'], source: 'IMB PRC',
    narrative: '08.01.2015: 1430 LT: Posn: 01:11N - 103:37E, Around 2.7nm NW of Pulau Nipah, Indonesia.\nRobbers in three small boats approached and'
      + ' boarded a barge under tow. They stole some of the cargo and escaped. The tug reported the incident to the Local Authorities.',
    category_basis: [], tlp: 'CLEAR', owner_org: 'host', shared_with: [], recipients: [], created_by: 'import', created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z',
  };

  it('opens a date-only report with its date, no time, and its local time', () => {
    const f = formFromIncident(imb);
    expect(f).toMatchObject({ date: '2015-01-08', time: '', local_time: '14:30', lat: '1.1833333333333333', lon: '103.61666666666667', type: 'robbery',
      victim_name: '', victim_status: '', weapons: '', crew_harm: '', loss: 'cargo_or_ship', perpetrators: '', tlp: 'CLEAR', narrative: imb.narrative });
    expect(formWhen(f)).toBe('Date only: 2015-01-08, local time 14:30 (its zone not given), no UTC time of day. Enter a UTC time only if the report gives one.');
    expect(formWhen({ ...f, local_time: '' })).toBe('Date only: 2015-01-08, no time of day. Enter a UTC time only if the report gives one.');
    expect(formWhen({ ...f, time: '06:30' })).toBe('Timed report, 2015-01-08 06:30Z: the local time 14:30 goes only with a report known only to its date;'
      + ' clear it to save with this UTC time.');
    expect(formWhen({ ...f, time: '06:30', local_time: '' })).toBe('Timed report: 2015-01-08 06:30Z.');
    // a timed report: its time of day, seconds only when it has some, and no local time
    expect(formFromIncident({ ...imb, date_only: false, local_time: undefined, time: '2022-05-02T02:33:00Z' })).toMatchObject({ date: '2022-05-02', time: '02:33', local_time: '' });
    expect(formFromIncident({ ...imb, date_only: undefined, time: '2022-05-02T02:33:17.250Z' }).time).toBe('02:33:17');
  });

  it('saves a date-only report unchanged as date-only, with its date and local time', () => {
    const body = incidentFromForm(formFromIncident(imb), imb);
    expect(body).toEqual({
      time: '2015-01-08T00:00:00Z', date_only: true, local_time: '14:30', lat: 1.1833333333333333, lon: 103.61666666666667, type: 'robbery',
      place: 'Around 2.7nm NW of Pulau Nipah', narrative: imb.narrative, loss: 'cargo_or_ship',
      // what the form does not show is sent back as it was (a PUT replaces the report); the sharing is the share dialog's
      victim: { type: 'Tug and Barge', description: 'barge under tow' }, actions_taken: ['reported to the local authorities'], source: 'IMB PRC',
    });
    // changing the narrative or the type alone keeps it date-only too
    const edited = incidentFromForm({ ...formFromIncident(imb), narrative: 'Robbers boarded a barge under tow.', type: 'boarding' }, imb);
    expect(edited).toMatchObject({ time: '2015-01-08T00:00:00Z', date_only: true, local_time: '14:30', type: 'boarding', narrative: 'Robbers boarded a barge under tow.' });
    // another date keeps it date-only, on that date
    expect(incidentFromForm({ ...formFromIncident(imb), date: '2015-01-09' }, imb)).toMatchObject({ time: '2015-01-09T00:00:00Z', date_only: true, local_time: '14:30' });
    // clearing the local time leaves it date-only without one
    const noLocal = incidentFromForm({ ...formFromIncident(imb), local_time: '' }, imb);
    expect(noLocal).toMatchObject({ time: '2015-01-08T00:00:00Z', date_only: true });
    expect(noLocal).not.toHaveProperty('local_time');
  });

  it('makes a report timed only when a time is entered', () => {
    const f = formFromIncident(imb);
    // a UTC time beside the local time is refused, not silently chosen between
    expect(() => incidentFromForm({ ...f, time: '06:30' }, imb)).toThrow('local time 14:30 goes only with a report known only to its date');
    const timed = incidentFromForm({ ...f, time: '06:30', local_time: '' }, imb);
    expect(timed).toMatchObject({ time: '2015-01-08T06:30:00Z', date_only: false });
    expect(timed).not.toHaveProperty('local_time');
    // a timed report opened and saved unchanged keeps its exact time, milliseconds too
    const t = { ...imb, date_only: undefined, local_time: undefined, time: '2022-05-02T02:33:17.250Z' };
    expect(incidentFromForm(formFromIncident(t), t)).toMatchObject({ time: '2022-05-02T02:33:17.250Z', date_only: false });
    expect(incidentFromForm({ ...formFromIncident(t), time: '02:34' }, t).time).toBe('2022-05-02T02:34:00Z');
    // and becomes date-only when its time is cleared
    expect(incidentFromForm({ ...formFromIncident(t), time: '' }, t)).toMatchObject({ time: '2022-05-02T00:00:00Z', date_only: true });
  });

  it('checks IMO check digits', () => {
    expect(validImo('9074729')).toBe(true);
    expect(validImo('9074728')).toBe(false);
    expect(validImo('907472')).toBe(false);
  });
});

describe('share dialog', () => {
  it('splits organisations and recipients', () => {
    expect(listOf('p1, p2\np1  p3')).toEqual(['p1', 'p2', 'p3']);
    expect(shareBody('AMBER', 'sg-navy, my-mmea', '')).toEqual({ tlp: 'AMBER', shared_with: ['sg-navy', 'my-mmea'] });
    expect(() => shareBody('RED', '', '')).toThrow('named recipients');
    // the dialog keeps both fields filled from the report; only the list the TLP uses is sent
    expect(shareBody('AMBER+STRICT', 'sg-navy', 'ana')).toEqual({ tlp: 'AMBER+STRICT' });
    expect(shareBody('RED', 'sg-navy', 'ana, nate')).toEqual({ tlp: 'RED', recipients: ['ana', 'nate'] });
    expect(() => shareBody('PINK', '', '')).toThrow('unknown TLP');
  });
});
