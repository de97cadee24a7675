import { describe, it, expect } from 'vitest';
import {
  categoryKey, incidentWhen, incidentsToGeoJSON, upsertIncident, withdrawIncident, nearbyOverlay, approachBetween, validImo, incidentFromForm, listOf, shareBody,
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
  const ok = { lat: '1.12', lon: '103.52', time: '2025-03-01T02:59', type: 'robbery', victim_name: ' OCEAN STAR ', victim_imo: '9074729', perpetrators: '3', weapons: 'knives', tlp: 'AMBER' };
  it('builds the POST body', () => {
    expect(incidentFromForm(ok)).toEqual({
      time: '2025-03-01T02:59:00Z', lat: 1.12, lon: 103.52, type: 'robbery', weapons: 'knives', perpetrators: 3,
      victim: { name: 'OCEAN STAR', imo: 9074729 }, tlp: 'AMBER',
    });
  });
  it('names the bad field', () => {
    expect(() => incidentFromForm({ ...ok, lat: '91' })).toThrow('latitude');
    expect(() => incidentFromForm({ ...ok, lon: '' })).toThrow('longitude');
    expect(() => incidentFromForm({ ...ok, time: '' })).toThrow('time is required');
    expect(() => incidentFromForm({ ...ok, type: 'piracy' })).toThrow('incident type');
    expect(() => incidentFromForm({ ...ok, victim_imo: '9074728' })).toThrow('check digit');
    expect(() => incidentFromForm({ ...ok, victim_mmsi: '12345' })).toThrow('nine digits');
    expect(() => incidentFromForm({ ...ok, perpetrators: '2.5' })).toThrow('whole number');
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
    expect(shareBody('AMBER', 'sg-navy, my-mmea', '')).toEqual({ tlp: 'AMBER', shared_with: ['sg-navy', 'my-mmea'], recipients: [] });
    expect(() => shareBody('RED', '', '')).toThrow('named recipients');
    expect(() => shareBody('PINK', '', '')).toThrow('unknown TLP');
  });
});
