import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  landFromTopology, cutAtAntimeridian, shipCategory, drawDirection, vesselsToGeoJSON, applyPosition, filterEvents, geometryBounds,
  eventTarget, eventMarker, zoneFromVertices, parseZoneUpload, zonesToGeoJSON, trackToReplay, positionAt, searchVessels,
  chokepointChart, portCallChart, messageSeries, categoryOfText, lastDays, sourceFaults, vesselsExtent,
  vesselFilter, eventHasVessel, eventInZone, zoneChoices, exportRequest, unappliedText, dispositionName,
  readPastedZone, vesselsInside, insideGeometry, swapPositions, emptyChartText, vesselSize,
} from '../src/data.js';

const require = createRequire(import.meta.url);

describe('landFromTopology', () => {
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/land-50m.json'), 'utf8'));
  const land = landFromTopology(topo);
  const polygons = land.features.flatMap((f) => (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates]));

  // Ray casting on the outer rings: enough to tell land from sea at points far from any coast.
  const inside = (lon, lat) => polygons.some((poly) => {
    const ring = poly[0];
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) c = !c;
    }
    return c && !poly.slice(1).some((hole) => {
      let h = false;
      for (let i = 0, j = hole.length - 1; i < hole.length; j = i++) {
        const [xi, yi] = hole[i], [xj, yj] = hole[j];
        if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) h = !h;
      }
      return h;
    });
  });

  it('gives GeoJSON polygons with longitudes and latitudes in range', () => {
    expect(land.type).toBe('FeatureCollection');
    expect(polygons.length).toBeGreaterThan(1000);
    const b = geometryBounds({ type: 'MultiPolygon', coordinates: polygons });
    expect(b[0]).toBeGreaterThanOrEqual(-180);
    expect(b[2]).toBeLessThanOrEqual(180);
    expect(b[1]).toBeLessThan(-80); // Antarctica
    expect(b[3]).toBeGreaterThan(80); // Greenland, Arctic islands
  });

  it('puts the Malay Peninsula and Sumatra on land and the straits at sea', () => {
    expect(inside(101.5, 3.5)).toBe(true); // Selangor, Malaysia
    expect(inside(101.5, 0.5)).toBe(true); // Riau, Sumatra
    expect(inside(100.5, 2.9)).toBe(false); // Strait of Malacca
    expect(inside(104.3, 1.2)).toBe(false); // Singapore Strait, east entrance
    expect(inside(88.0, 14.0)).toBe(false); // Bay of Bengal
    expect(inside(114.0, 12.0)).toBe(false); // South China Sea
  });

  // MapLibre fills rings in the plane: an edge longer than 180° of longitude crosses the whole map.
  it('has closed rings with no edge across the antimeridian (only the South Pole edge is that long)', () => {
    const long = [];
    for (const poly of polygons) {
      for (const ring of poly) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1]).toEqual(ring[0]);
        for (let i = 1; i < ring.length; i++) {
          const [a, b] = [ring[i - 1], ring[i]];
          if (Math.abs(b[0] - a[0]) > 180 && !(Math.abs(a[1]) === 90 && b[1] === a[1])) long.push([a, b]);
        }
      }
    }
    expect(long).toEqual([]);
  });

  it('puts the seas where world-atlas rings cross 180° at sea, and the land there on land', () => {
    expect(inside(-20, 62)).toBe(false); // North Atlantic south of Iceland
    expect(inside(-20, 67.5)).toBe(false); // north of Iceland, between Eurasia's 65°N and 69°N edges
    expect(inside(-40, 70.5)).toBe(true); // Greenland
    expect(inside(-160, 71.3)).toBe(false); // Chukchi Sea, under Wrangel Island's 71°N edges
    expect(inside(-15, -30)).toBe(false); // South Atlantic
    expect(inside(-10, -16.52)).toBe(false); // South Atlantic, on the Fiji islet's 16.5°S edge
    expect(inside(9, 62)).toBe(true); // central Norway
    expect(inside(-50, -10)).toBe(true); // Brazil
    expect(inside(-175, 67)).toBe(true); // Chukotka east of 180°
    expect(inside(-178, 71.2)).toBe(true); // Wrangel Island east of 180°
    expect(inside(170, 67)).toBe(true); // Chukotka west of 180°
    expect(inside(0, -87)).toBe(true); // Antarctica near the pole
    expect(inside(179, -85)).toBe(true); // Antarctica south of the Ross Ice Shelf (Natural Earth land has no ice shelves), west of 180°
    expect(inside(-179, -85)).toBe(true); // and east of 180°
    expect(inside(-170, -80)).toBe(false); // the Ross Ice Shelf
    expect(inside(180, -70)).toBe(false); // Southern Ocean
  });

  it('rejects something that is not a land topology', () => {
    expect(() => landFromTopology({ type: 'FeatureCollection', features: [] })).toThrow(/objects.land/);
  });
});

describe('cutAtAntimeridian', () => {
  const area = (ring) => ring.slice(1).reduce((s, b, i) => s + ring[i][0] * b[1] - b[0] * ring[i][1], 0) / 2;

  it('keeps a polygon that does not cross 180° as it is', () => {
    const poly = [[[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]]];
    expect(cutAtAntimeridian(poly)).toEqual([poly]);
    expect(cutAtAntimeridian(poly)[0]).toBe(poly);
  });

  it('cuts a polygon stitched across 180° into one on each side', () => {
    const pieces = cutAtAntimeridian([[[170, 10], [-170, 10], [-170, 20], [170, 20], [170, 10]]]);
    expect(pieces).toHaveLength(2);
    const bounds = pieces.map(([r]) => [Math.min(...r.map((p) => p[0])), Math.max(...r.map((p) => p[0]))]).sort((a, b) => a[0] - b[0]);
    expect(bounds).toEqual([[-180, -170], [170, 180]]);
    expect(pieces.reduce((s, [r]) => s + Math.abs(area(r)), 0)).toBeCloseTo(200, 9);
  });

  it('gives each piece of a cut polygon the holes inside it', () => {
    const outer = [[160, 0], [-160, 0], [-160, 30], [160, 30], [160, 0]];
    const west = [[165, 5], [165, 10], [170, 10], [170, 5], [165, 5]];
    const east = [[-170, 5], [-170, 10], [-165, 10], [-165, 5], [-170, 5]];
    const pieces = cutAtAntimeridian([outer, west, east]);
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect(p).toHaveLength(2);
    const eastPiece = pieces.find(([r]) => r.some(([x]) => x < 0));
    expect(eastPiece[1]).toEqual(east);
  });

  it('closes a ring round a pole through the pole', () => {
    const ring = [[-180, -70], [-90, -72], [0, -70], [90, -68], [179, -70], [-180, -70]];
    const pieces = cutAtAntimeridian([ring]);
    expect(pieces).toHaveLength(1);
    const r = pieces[0][0];
    expect(r.some(([x, y]) => x === 180 && y === -90)).toBe(true);
    expect(r.some(([x, y]) => x === -180 && y === -90)).toBe(true);
    for (const [x] of r) expect(Math.abs(x)).toBeLessThanOrEqual(180);
  });
});

describe('shipCategory (ITU-R M.1371-5 Table 53)', () => {
  it('groups the ship and cargo type codes', () => {
    expect(shipCategory(70)).toBe('cargo');
    expect(shipCategory(79)).toBe('cargo');
    expect(shipCategory(80)).toBe('tanker');
    expect(shipCategory(84)).toBe('tanker');
    expect(shipCategory(60)).toBe('passenger');
    expect(shipCategory(30)).toBe('fishing');
    expect(shipCategory(31)).toBe('tug');
    expect(shipCategory(52)).toBe('tug');
    expect(shipCategory(37)).toBe('pleasure');
    expect(shipCategory(35)).toBe('military');
    expect(shipCategory(40)).toBe('highspeed');
    expect(shipCategory(50)).toBe('special');
    expect(shipCategory(90)).toBe('other');
    expect(shipCategory(20)).toBe('other');
  });
  it('treats 0 (not available), out of range and absent as unknown', () => {
    for (const t of [0, 100, 255, -1, undefined, null, 'x', 70.5]) expect(shipCategory(t)).toBe('unknown');
  });
});

describe('drawDirection', () => {
  it('prefers the heading, then the course of a moving vessel', () => {
    expect(drawDirection({ heading: 45, course: 50, speed: 10 })).toBe(45);
    expect(drawDirection({ course: 50.5, speed: 10 })).toBe(50.5);
    expect(drawDirection({ course: 50.5 })).toBe(50.5);
  });
  it('gives none for a vessel at rest without heading, or out-of-range values', () => {
    expect(drawDirection({ course: 50, speed: 0.1 })).toBeNull();
    expect(drawDirection({ heading: 511, course: 360 })).toBeNull();
    expect(drawDirection({})).toBeNull();
  });
});

describe('vesselsExtent', () => {
  it('bounds the valid positions, leaving out the outermost 1 % on each side', () => {
    // 200 vessels in the Kattegat and two strays: one at the antipode, one in the Pacific
    const vessels = [];
    for (let i = 0; i < 200; i++) vessels.push({ mmsi: String(219000000 + i), lat: 56 + (i % 10) * 0.1, lon: 11 + Math.floor(i / 10) * 0.05 });
    vessels.push({ mmsi: '1', lat: -56, lon: -169 }, { mmsi: '2', lat: 10, lon: 179 });
    vessels.push({ mmsi: '3', lat: 91, lon: 181 }, { mmsi: '4' }); // not available: left out
    const [w, s, e, n] = vesselsExtent(vessels);
    expect(w).toBeCloseTo(11, 9);
    expect(e).toBeCloseTo(11.95, 9);
    expect(s).toBeCloseTo(56, 9);
    expect(n).toBeCloseTo(56.9, 9);
  });
  it('is a point for one vessel and null for none', () => {
    expect(vesselsExtent([{ lat: 1.25, lon: 103.8 }])).toEqual([103.8, 1.25, 103.8, 1.25]);
    expect(vesselsExtent([{ lat: null, lon: 3 }])).toBeNull();
    expect(vesselsExtent([])).toBeNull();
  });
});

describe('vesselsToGeoJSON', () => {
  it('makes one point per vessel with a valid position, lon first', () => {
    const fc = vesselsToGeoJSON([
      { mmsi: '563012345', name: 'PACIFIC STAR', shiptype: 70, lat: 1.25, lon: 103.9, heading: 90 },
      { mmsi: '477000001', lat: 91, lon: 10 }, // invalid latitude (91 = not available)
      { mmsi: '533000002', lat: 2.5, lon: 101.2, speed: 0 }, // no direction
      { mmsi: '244000003' }, // no position
    ]);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].geometry.coordinates).toEqual([103.9, 1.25]);
    expect(fc.features[0].id).toBe(563012345);
    expect(fc.features[0].properties).toEqual({ mmsi: '563012345', name: 'PACIFIC STAR', cat: 'cargo', rot: 90, dir: 1, stale: 0 });
    expect(fc.features[1].properties).toMatchObject({ mmsi: '533000002', cat: 'unknown', dir: 0 });
  });
  it('marks vessels not heard for more than an hour before the picture time as stale', () => {
    const now = Date.parse('2026-11-01T12:00:00Z');
    const fc = vesselsToGeoJSON([
      { mmsi: '563000001', lat: 1, lon: 103, last_seen: '2026-11-01T11:30:00Z' },
      { mmsi: '563000002', lat: 1, lon: 103, last_seen: '2026-11-01T10:59:59Z' },
      { mmsi: '563000003', lat: 1, lon: 103 }, // never timed
    ], { now });
    expect(fc.features.map((f) => f.properties.stale)).toEqual([0, 1, 1]);
    // without a picture time nothing is stale
    expect(vesselsToGeoJSON([{ mmsi: '563000002', lat: 1, lon: 103, last_seen: '2000-01-01T00:00:00Z' }]).features[0].properties.stale).toBe(0);
  });
});

describe('applyPosition', () => {
  it('adds a new vessel and moves a known one, dropping fields the report lacks', () => {
    const t = new Map([['563012345', { mmsi: '563012345', name: 'A', lat: 1, lon: 103, speed: 5, heading: 10, last_seen: '2026-11-01T00:00:00Z' }]]);
    expect(applyPosition(t, { mmsi: '563012345', lat: 1.1, lon: 103.1, speed: 6, time: '2026-11-01T00:01:00Z' })).toBe(true);
    expect(t.get('563012345')).toMatchObject({ name: 'A', lat: 1.1, lon: 103.1, speed: 6, last_seen: '2026-11-01T00:01:00Z' });
    expect(t.get('563012345').heading).toBeUndefined();
    expect(applyPosition(t, { mmsi: '477000001', lat: 22, lon: 114, time: '2026-11-01T00:02:00Z', shiptype: 80 })).toBe(true);
    expect(t.get('477000001')).toMatchObject({ first_seen: '2026-11-01T00:02:00Z', shiptype: 80 });
  });
  it('ignores an older report and invalid positions', () => {
    const t = new Map([['563012345', { mmsi: '563012345', lat: 1, lon: 103, last_seen: '2026-11-01T00:05:00Z' }]]);
    expect(applyPosition(t, { mmsi: '563012345', lat: 2, lon: 104, time: '2026-11-01T00:04:00Z' })).toBe(false);
    expect(applyPosition(t, { mmsi: '563012345', lat: 95, lon: 104, time: '2026-11-01T00:06:00Z' })).toBe(false);
    expect(t.get('563012345').lat).toBe(1);
  });
});

describe('filterEvents', () => {
  const events = [
    { id: 'a', kind: 'encounter', start: '2026-11-01T10:00:00Z', end: '2026-11-01T14:00:00Z' },
    { id: 'b', kind: 'gap', start: '2026-11-02T08:00:00Z', end: '2026-11-02T20:00:00Z' },
    { id: 'c', kind: 'encounter', start: '2026-11-03T01:00:00Z' }, // still open
    { id: 'd', kind: 'port_visit', start: '2026-10-30T00:00:00Z', end: '2026-10-31T00:00:00Z' },
  ];
  it('keeps all, newest first, without filters', () => {
    expect(filterEvents(events).map((e) => e.id)).toEqual(['c', 'b', 'a', 'd']);
  });
  it('filters by kind', () => {
    expect(filterEvents(events, { kinds: new Set(['encounter']) }).map((e) => e.id)).toEqual(['c', 'a']);
  });
  it('keeps events whose interval overlaps the window, open events included', () => {
    const ids = (f, t) => filterEvents(events, { from: f, to: t }).map((e) => e.id);
    expect(ids('2026-11-01T13:00:00Z', '2026-11-01T13:30:00Z')).toEqual(['a']);
    expect(ids('2026-11-01T14:00:01Z', '2026-11-02T07:59:59Z')).toEqual([]);
    expect(ids('2026-11-10T00:00:00Z', undefined)).toEqual(['c']);
    expect(ids(undefined, '2026-10-31T12:00:00Z')).toEqual(['d']);
    expect(ids(Date.parse('2026-11-02T12:00:00Z'), '')).toEqual(['c', 'b']);
  });
  it('rejects a time it cannot read', () => {
    expect(() => filterEvents(events, { from: 'yesterday' })).toThrow(/not a time/);
  });
});

describe('event vessel and zone filters', () => {
  const vessels = [
    { mmsi: '563000001', name: 'PACIFIC STAR' }, { mmsi: '563000002', name: 'Pacific Dawn' },
    { mmsi: '533000003', name: 'LION GLORY' }, { mmsi: '477000004' },
  ];
  const events = [
    { id: 'enc', kind: 'encounter', start: '2026-11-01T10:00:00Z', vessels: ['563000001', '533000003'], attributes: {} },
    { id: 'gap', kind: 'gap', start: '2026-11-01T11:00:00Z', vessels: ['563000002'], attributes: {} },
    { id: 'in', kind: 'zone_entry', start: '2026-11-01T12:00:00Z', vessels: ['477000004'], attributes: { zone_id: 'zone-1', zone_name: 'Eastern anchorage' } },
    { id: 'out', kind: 'zone_exit', start: '2026-11-01T13:00:00Z', vessels: ['477000004'], attributes: { zone_id: 'zone-2', zone_name: 'Western anchorage' } },
    { id: 'loiter', kind: 'loitering', start: '2026-11-01T14:00:00Z', vessels: ['533000003'], attributes: { zone_id: 'zone-1' } },
    { id: 'old', kind: 'zone_entry', start: '2026-11-01T09:00:00Z', vessels: ['533000003'], attributes: { zone_name: 'eastern Anchorage ' } },
  ];
  const ids = (f) => filterEvents(events, f).map((e) => e.id);
  it('reads a full MMSI as that vessel, to be asked of the server', () => {
    const f = vesselFilter(' 563000001 ', vessels);
    expect(f).toMatchObject({ kind: 'mmsi', mmsi: '563000001' });
    expect(ids({ vessel: f })).toEqual(['enc']);
    // an MMSI not in the vessel list is still a vessel filter
    expect(ids({ vessel: vesselFilter('999000000', vessels) })).toEqual([]);
    // a 10-digit MMSI up to 1073741823 (a station out of the 9-digit range) is one vessel too
    expect(vesselFilter('1000873988', vessels)).toMatchObject({ kind: 'mmsi', mmsi: '1000873988' });
    expect(vesselFilter('1073741824', vessels)).toMatchObject({ kind: 'name', mmsi: null });
  });
  it('reads fewer digits as the start of MMSIs', () => {
    const f = vesselFilter('563', vessels);
    expect(f).toMatchObject({ kind: 'prefix', prefix: '563', mmsi: null });
    expect(ids({ vessel: f })).toEqual(['gap', 'enc']);
    expect(ids({ vessel: vesselFilter('4770', vessels) })).toEqual(['out', 'in']);
    // digits inside an MMSI do not match: a prefix is its start
    expect(ids({ vessel: vesselFilter('000', vessels) })).toEqual([]);
  });
  it('reads other text as part of a vessel name, any case; one vessel found is its MMSI', () => {
    const pacific = vesselFilter('pacific', vessels);
    expect(pacific.kind).toBe('name');
    expect(pacific.mmsi).toBeNull();
    expect([...pacific.mmsis].sort()).toEqual(['563000001', '563000002']);
    expect(ids({ vessel: pacific })).toEqual(['gap', 'enc']);
    const lion = vesselFilter('ion glo', vessels);
    expect(lion.mmsi).toBe('533000003');
    expect(ids({ vessel: lion })).toEqual(['loiter', 'enc', 'old']);
    expect(ids({ vessel: vesselFilter('NOBODY', vessels) })).toEqual([]);
  });
  it('is no filter when empty', () => {
    expect(vesselFilter('  ', vessels)).toBeNull();
    expect(vesselFilter(undefined)).toBeNull();
    expect(ids({ vessel: vesselFilter('', vessels) })).toHaveLength(events.length);
  });
  it('keeps the events of a zone: its entries and exits, and events whose attributes name its id', () => {
    expect(ids({ zone: { id: 'zone-1', name: 'Eastern anchorage' } })).toEqual(['loiter', 'in', 'old']);
    expect(ids({ zone: { id: 'zone-2', name: 'Western anchorage' } })).toEqual(['out']);
    // a zone known by name only (no id) keeps the zone entries and exits that name it, not other kinds
    expect(ids({ zone: { id: undefined, name: 'Eastern anchorage' } })).toEqual(['old']);
    expect(eventInZone({ kind: 'loitering', attributes: { zone_name: 'Eastern anchorage' } }, { name: 'Eastern anchorage' })).toBe(false);
    expect(eventInZone({ kind: 'gap' }, { id: 'zone-1', name: 'x' })).toBe(false);
  });
  it('combines vessel, zone and kind', () => {
    expect(ids({ vessel: vesselFilter('477000004', vessels), zone: { id: 'zone-1', name: 'Eastern anchorage' } })).toEqual(['in']);
    expect(ids({ vessel: vesselFilter('LION', vessels), zone: { id: 'zone-1' }, kinds: new Set(['loitering']) })).toEqual(['loiter']);
    expect(eventHasVessel({ vessels: [] }, vesselFilter('5', vessels))).toBe(false);
  });
  it('offers the user\'s zones and those the events name, each once', () => {
    const fc = { features: [{ properties: { id: 'zone-1', name: 'Eastern anchorage' } }, { properties: { id: 'zone-9', name: 'Pilot ground' } }, { properties: {} }] };
    expect(zoneChoices(fc, events)).toEqual([
      { key: 'id:zone-1', id: 'zone-1', name: 'Eastern anchorage' },
      { key: 'name:eastern anchorage', id: undefined, name: 'eastern Anchorage' },
      { key: 'id:zone-9', id: 'zone-9', name: 'Pilot ground' },
      { key: 'id:zone-2', id: 'zone-2', name: 'Western anchorage' },
    ]);
    expect(zoneChoices(null, [])).toEqual([]);
    // a zone offered before stays offered when the events naming it are no longer loaded
    const before = zoneChoices(null, events);
    expect(zoneChoices({ features: [{ properties: { id: 'zone-1', name: 'East anchorage (renamed)' } }] }, [], before).map((z) => z.name))
      .toEqual(['East anchorage (renamed)', 'eastern Anchorage', 'Western anchorage']);
  });
});

describe('eventTarget and geometryBounds', () => {
  it('fits an event with an extent, centres on a point event', () => {
    expect(eventTarget({ geometry: { type: 'LineString', coordinates: [[103.7, 1.1], [104.1, 1.3]] } })).toEqual({ bounds: [103.7, 1.1, 104.1, 1.3] });
    expect(eventTarget({ geometry: { type: 'Point', coordinates: [103.7, 1.1] } })).toEqual({ center: [103.7, 1.1] });
    expect(eventTarget({ lat: 1.2, lon: 103.8 })).toEqual({ center: [103.8, 1.2] });
    expect(eventTarget({})).toBeNull();
  });
  it('covers every part of a geometry collection', () => {
    expect(geometryBounds({ type: 'GeometryCollection', geometries: [
      { type: 'Point', coordinates: [100, 2] }, { type: 'Polygon', coordinates: [[[101, 1], [102, 1], [102, 3], [101, 1]]] },
    ] })).toEqual([100, 1, 102, 3]);
  });
});

describe('eventMarker', () => {
  const zone = { type: 'Polygon', coordinates: [[[96.5, 9.0], [97.2, 9.0], [97.3, 9.6], [96.6, 9.7], [96.5, 9.0]]] };
  it('puts a zone exit where the vessel crossed, not in the middle of the zone', () => {
    // SILVER PHOENIX leaving the simulator's Andaman Sea zone across its northern edge
    expect(eventMarker({ kind: 'zone_exit', lat: 9.637177, lon: 97.042315, geometry: zone })).toEqual([97.042315, 9.637177]);
  });
  it('falls back to the middle of the geometry, then to nothing', () => {
    expect(eventMarker({ kind: 'zone_entry', geometry: zone })).toEqual([96.9, 9.35]);
    expect(eventMarker({ geometry: { type: 'Point', coordinates: [103.7, 1.1] } })).toEqual([103.7, 1.1]);
    expect(eventMarker({ kind: 'invalid_identity' })).toBeNull();
  });
});

describe('zoneFromVertices', () => {
  it('closes the ring and names the zone', () => {
    const f = zoneFromVertices(' Anchorage A ', [[103.8, 1.2], [103.9, 1.2], [103.9, 1.3]]);
    expect(f).toEqual({ type: 'Feature', properties: { name: 'Anchorage A' }, geometry: { type: 'Polygon', coordinates: [[[103.8, 1.2], [103.9, 1.2], [103.9, 1.3], [103.8, 1.2]]] } });
  });
  it('drops repeated clicks and an explicit closing vertex', () => {
    const f = zoneFromVertices('z', [[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]]);
    expect(f.geometry.coordinates[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
  });
  it('refuses fewer than 3 vertices, no name, or a vertex out of range', () => {
    expect(() => zoneFromVertices('z', [[0, 0], [1, 1], [1, 1]])).toThrow(/at least 3/);
    expect(() => zoneFromVertices('  ', [[0, 0], [1, 0], [1, 1]])).toThrow(/name/);
    expect(() => zoneFromVertices('z', [[0, 0], [181, 0], [1, 1]])).toThrow(/out of range/);
  });
  it('refuses a ring that crosses itself (a bow tie), naming the edges', () => {
    expect(() => zoneFromVertices('z', [[0, 0], [2, 2], [2, 0], [0, 2]]))
      .toThrow('the edges from vertex 1 and from vertex 3 cross: click the vertices in order around the zone');
    // a vertex on another edge touches it: refused as well
    expect(() => zoneFromVertices('z', [[0, 0], [2, 0], [2, 2], [1, 0], [0, 2]])).toThrow(/cross/);
    // the same corners in order make a square; a concave ring is fine
    expect(zoneFromVertices('z', [[0, 0], [2, 0], [2, 2], [0, 2]]).geometry.coordinates[0]).toHaveLength(5);
    expect(zoneFromVertices('z', [[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]]).geometry.coordinates[0]).toHaveLength(6);
  });
});

describe('parseZoneUpload', () => {
  const square = { type: 'Polygon', coordinates: [[[103, 1], [104, 1], [104, 2], [103, 1]]] };
  it('accepts a Feature, a FeatureCollection or a bare polygon, naming unnamed zones', () => {
    expect(parseZoneUpload(JSON.stringify({ type: 'Feature', geometry: square, properties: { name: 'S' } })).features[0].properties.name).toBe('S');
    const fc = parseZoneUpload(JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: square, properties: {} },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [square.coordinates] }, properties: null },
    ] }), 'upload');
    expect(fc.features.map((f) => f.properties.name)).toEqual(['upload 1', 'upload 2']);
    expect(parseZoneUpload(JSON.stringify(square), 'bare').features[0].properties.name).toBe('bare');
  });
  it('says what is wrong with a bad file', () => {
    expect(() => parseZoneUpload('{oops')).toThrow(/not JSON/);
    expect(() => parseZoneUpload('{"type":"FeatureCollection","features":[]}')).toThrow(/no features/);
    expect(() => parseZoneUpload(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }))).toThrow(/Polygon or MultiPolygon, not Point/);
    expect(() => parseZoneUpload(JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }))).toThrow(/not closed/);
    expect(() => parseZoneUpload(JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }))).toThrow(/at least 4/);
    expect(() => parseZoneUpload(JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [1, 95], [1, 1], [0, 0]]] }))).toThrow(/out of range/);
  });
});

describe('zonesToGeoJSON', () => {
  const g = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
  it('reads a FeatureCollection or a zone list', () => {
    expect(zonesToGeoJSON({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 7, geometry: g, properties: { name: 'a' } }] }).features[0].properties).toEqual({ name: 'a', id: 7 });
    expect(zonesToGeoJSON({ zones: [{ id: 'z1', name: 'b', geometry: g }, { id: 'z2', name: 'no geometry' }] }).features.map((f) => f.properties)).toEqual([{ id: 'z1', name: 'b' }]);
  });
});

describe('trackToReplay and positionAt', () => {
  it('uses the fix points when the track has them, sorted by time', () => {
    const pts = trackToReplay({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { segment: 0, start: '2026-11-01T00:00:00Z', end: '2026-11-01T01:00:00Z' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 1] }, properties: { time: '2026-11-01T01:00:00Z', speed: 12.5 } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { time: '2026-11-01T00:00:00Z', course: 45 } },
    ] });
    expect(pts).toEqual([
      { t: Date.parse('2026-11-01T00:00:00Z'), lon: 0, lat: 0, course: 45 },
      { t: Date.parse('2026-11-01T01:00:00Z'), lon: 1, lat: 1, speed: 12.5 },
    ]);
  });
  it('spreads line vertices over the segment times when there are no points', () => {
    const pts = trackToReplay({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 0], [2, 0]] }, properties: { start: '2026-11-01T00:00:00Z', end: '2026-11-01T02:00:00Z' } },
    ] });
    expect(pts.map((p) => p.t - pts[0].t)).toEqual([0, 3600e3, 7200e3]);
  });
  it('interpolates between fixes and clamps at the ends', () => {
    const pts = [{ t: 0, lon: 100, lat: 0 }, { t: 1000, lon: 101, lat: 2 }, { t: 3000, lon: 103, lat: 2 }];
    expect(positionAt(pts, 500)).toEqual({ lon: 100.5, lat: 1 });
    expect(positionAt(pts, 2000)).toEqual({ lon: 102, lat: 2 });
    expect(positionAt(pts, -5)).toEqual({ lon: 100, lat: 0 });
    expect(positionAt(pts, 9999)).toEqual({ lon: 103, lat: 2 });
    expect(positionAt([], 1)).toBeNull();
  });
});

describe('searchVessels', () => {
  const vs = [
    { mmsi: '563012345', name: 'PACIFIC STAR', imo: 9321483 },
    { mmsi: '563099999', name: 'STAR OF MALACCA' },
    { mmsi: '477123456', name: 'ORIENT PACIFIC', imo: 9074729 },
  ];
  it('ranks exact identifiers, then prefixes, then name starts, then substrings', () => {
    expect(searchVessels(vs, '563012345').map((v) => v.mmsi)).toEqual(['563012345']);
    expect(searchVessels(vs, 'IMO 9074729').map((v) => v.mmsi)).toEqual(['477123456']);
    expect(searchVessels(vs, '5630').map((v) => v.mmsi)).toEqual(['563012345', '563099999']);
    expect(searchVessels(vs, 'pacific').map((v) => v.name)).toEqual(['PACIFIC STAR', 'ORIENT PACIFIC']);
    expect(searchVessels(vs, 'star').map((v) => v.name)).toEqual(['STAR OF MALACCA', 'PACIFIC STAR']);
    expect(searchVessels(vs, '  ')).toEqual([]);
  });
});

describe('charts data', () => {
  it('stacks chokepoint transits per day by ship category, summed over chokepoints', () => {
    const c = chokepointChart({ days: [
      { day: '2026-11-02', chokepoint: 'Malacca', shiptype: 80, count: 3 },
      { day: '2026-11-01', chokepoint: 'Malacca', shiptype: 70, count: 5 },
      { day: '2026-11-01', chokepoint: 'Singapore', shiptype: 71, count: 2 },
      { day: '2026-11-02', chokepoint: 'Singapore', shiptype_text: 'Tanker, Hazardous category A', count: 1 },
    ] });
    expect(c.labels).toEqual(['2026-11-01', '2026-11-02']);
    expect(c.datasets).toEqual([
      { label: 'Cargo', category: 'cargo', data: [7, 0] },
      { label: 'Tanker', category: 'tanker', data: [0, 4] },
    ]);
    expect(chokepointChart({ days: [{ day: '2026-11-01', chokepoint: 'Malacca', shiptype: 70, count: 5 }, { day: '2026-11-01', chokepoint: 'Sunda', shiptype: 70, count: 9 }] }, 'Sunda').datasets[0].data).toEqual([9]);
  });
  it("reads the server's rows, each day's transits by PortWatch ship type group", () => {
    // GET /api/stats/chokepoints of the demo's simulated day
    const c = chokepointChart({ days: [
      { date: '2024-06-01', chokepoint: 'Singapore Strait', count: 12, by_shiptype: { cargo: 6, passenger: 1, tanker: 5 } },
      { date: '2024-06-01', chokepoint: 'Strait of Malacca', count: 18, by_shiptype: { cargo: 11, tanker: 7 } },
    ] });
    expect(c.labels).toEqual(['2024-06-01']);
    expect(c.datasets).toEqual([
      { label: 'Cargo', category: 'cargo', data: [17] },
      { label: 'Tanker', category: 'tanker', data: [12] },
      { label: 'Passenger', category: 'passenger', data: [1] },
    ]);
    expect(chokepointChart({ days: [{ date: '2024-06-01', chokepoint: 'Sunda Strait', count: 2, by_shiptype: { unknown: 1, other: 1 } }] }).datasets)
      .toEqual([{ label: 'Other', category: 'other', data: [1] }, { label: 'Unknown type', category: 'unknown', data: [1] }]);
  });
  it('reads ship type names', () => {
    expect(categoryOfText('Cargo, all ships of this type')).toBe('cargo');
    expect(categoryOfText('Towing')).toBe('tug');
    expect(categoryOfText('Search and Rescue vessel')).toBe('special');
    expect(categoryOfText('')).toBe('unknown');
  });
  it('sums port calls per day over ports', () => {
    expect(portCallChart({ days: [{ day: '2026-11-02', port: 'SGSIN', count: 4 }, { day: '2026-11-01T00:00:00Z', port: 'MYPKG', count: 2 }, { day: '2026-11-02', port: 'MYPKG', count: 1 }] }))
      .toEqual({ labels: ['2026-11-01', '2026-11-02'], data: [2, 5], underWay: [0, 0] });
  });
  it('counts the port visits under way on the day the ship arrived, beside the ended ones', () => {
    // the demo's picture: no visit ended yet, three under way (GET /api/ongoing?kind=port_visit)
    const under = [
      { id: 'a', kind: 'port_visit', start: '2024-06-01T00:00:03Z', ongoing: true },
      { id: 'b', kind: 'port_visit', start: '2024-06-01T23:59:59Z', ongoing: true },
      { id: 'c', kind: 'port_visit', start: '2024-06-02T00:00:00.250Z', ongoing: true },
      { id: 'd', kind: 'loitering', start: '2024-06-02T01:00:00Z', ongoing: true }, // not a port call
      { id: 'e', kind: 'port_visit', start: 'not a time', ongoing: true },
    ];
    expect(portCallChart({ days: [] }, 30, under)).toEqual({ labels: ['2024-06-01', '2024-06-02'], data: [0, 0], underWay: [2, 1] });
    // an ended visit and one under way the same day are stacked; the 30 days end with the newest arrival of either
    expect(portCallChart({ days: [{ date: '2024-05-01', port: 'SGSIN', count: 4 }, { date: '2024-06-01', port: 'INMAA', count: 3 }] }, 30, under))
      .toEqual({ labels: ['2024-06-01', '2024-06-02'], data: [3, 0], underWay: [2, 1] });
    expect(portCallChart({ days: [{ date: '2024-05-01', port: 'SGSIN', count: 4 }] }, 30, undefined))
      .toEqual({ labels: ['2024-05-01'], data: [4], underWay: [0] });
  });
  it('says what an empty chart counts and why it is empty, and nothing for a chart with data', () => {
    const none = emptyChartText({
      chokepoints: chokepointChart({ days: [] }), portCalls: portCallChart({ days: [] }, 30, []), messages: messageSeries({ metric: 'messages', points: [] }),
    }, 6);
    expect(none.chokepoints).toMatch(/^No chokepoint transits stored yet\. This chart counts .* once they have ended/);
    expect(none.portCalls).toMatch(/^No port calls yet\. This chart counts port visits by the day the ship arrived, those that have ended and those under way/);
    expect(none.messages).toBe('No messages received in the last 6 hours. This chart counts the AIS messages the server received per minute, all sources together.');
    // visits under way alone are port calls to draw; a day of zero transits is nothing to draw
    const some = emptyChartText({
      chokepoints: chokepointChart({ days: [{ date: '2024-06-01', chokepoint: 'Sunda Strait', count: 0, by_shiptype: { cargo: 0 } }] }),
      portCalls: portCallChart({ days: [] }, 30, [{ kind: 'port_visit', start: '2024-06-01T00:00:03Z' }]),
      messages: messageSeries({ metric: 'messages', points: [{ time: '2024-06-01T00:00:00Z', count: 0 }] }),
    });
    expect(some).toEqual({ chokepoints: expect.stringMatching(/^No chokepoint transits/), portCalls: null, messages: null });
    expect(emptyChartText({ chokepoints: null, portCalls: null, messages: [] }, 2).messages).toMatch(/^No messages received in the last 2 hours\./);
  });
  it('charts the 30 days ending with the newest day in the data, not the month before today', () => {
    const old = { days: [
      { day: '2014-09-01', port: 'DKAAR', count: 9 },
      { day: '2014-09-06', port: 'DKAAR', count: 1 },
      { day: '2014-10-05T13:00:00Z', port: 'DKCPH', count: 2 },
      { day: '2014-10-05', port: 'DKAAR', count: 3 },
    ] };
    expect(portCallChart(old, 30)).toEqual({ labels: ['2014-09-06', '2014-10-05'], data: [1, 5], underWay: [0, 0] });
    expect(portCallChart(old).labels).toEqual(['2014-09-01', '2014-09-06', '2014-10-05']);
    expect(lastDays([{ day: '2024-03-01' }, { day: '2024-02-29' }, { day: '2024-02-28' }], 2)).toEqual([{ day: '2024-03-01' }, { day: '2024-02-29' }]);
    expect(chokepointChart({ days: [{ day: '2014-09-01', shiptype: 70, count: 4 }, { day: '2014-10-05', shiptype: 70, count: 1 }] }, undefined, 30).labels)
      .toEqual(['2014-10-05']);
  });
  it("charts the server's single series of all sources", () => {
    const m = messageSeries({ metric: 'messages', interval_s: 60, points: [
      { time: '2026-12-06T05:26:00Z', count: 368650 }, { time: '2026-12-06T05:25:00Z', count: 111584 }, { time: '2026-12-06T05:27:00Z', count: 0, partial: true },
    ] });
    expect(m).toEqual([{ source: 'all sources', points: [
      { x: Date.parse('2026-12-06T05:25:00Z'), y: 111584 }, { x: Date.parse('2026-12-06T05:26:00Z'), y: 368650 }, { x: Date.parse('2026-12-06T05:27:00Z'), y: 0 },
    ] }]);
    expect(messageSeries({ metric: 'messages', source: 'dma', interval_s: 60, points: [] })).toEqual([{ source: 'dma', points: [] }]);
  });
  it('turns message series into sorted x/y points, either point shape', () => {
    const m = messageSeries({ series: [
      { source: 'tcp', points: [{ time: '2026-11-01T00:01:00Z', count: 7 }, { time: '2026-11-01T00:00:00Z', count: 5 }] },
      { source: 'udp', points: [['2026-11-01T00:00:00Z', 3], ['bad', 1]] },
    ] });
    expect(m).toEqual([
      { source: 'tcp', points: [{ x: Date.parse('2026-11-01T00:00:00Z'), y: 5 }, { x: Date.parse('2026-11-01T00:01:00Z'), y: 7 }] },
      { source: 'udp', points: [{ x: Date.parse('2026-11-01T00:00:00Z'), y: 3 }] },
    ]);
  });
});

describe('sourceFaults', () => {
  it('lists the failing sources with what each says, in the server\'s order', () => {
    const stats = {
      sources: [
        { name: 'dma', kind: 'file', up: true, lines: 10 },
        { name: 'receiver', kind: 'tcp', up: false, error: 'cannot connect to 192.168.1.20:10110: Connection refused', error_time: '2026-12-02T18:00:00Z' },
        { name: 'lan', kind: 'udp', up: false, error: 'Socket closed' },
      ],
    };
    expect(sourceFaults(stats)).toEqual([
      'receiver: cannot connect to 192.168.1.20:10110: Connection refused',
      'lan: Socket closed',
    ]);
  });

  it('is empty when every source works, or for a stats object without sources', () => {
    expect(sourceFaults({ sources: [{ name: 'dma', up: true }] })).toEqual([]);
    expect(sourceFaults({ messages_per_second: 41.5 })).toEqual([]);
    expect(sourceFaults(null)).toEqual([]);
  });
});

describe('exports of the Events tab', () => {
  const one = vesselFilter('563000001', []);
  const several = vesselFilter('pacific', [{ mmsi: '563000001', name: 'PACIFIC STAR' }, { mmsi: '563000002', name: 'PACIFIC DAWN' }]);
  it('asks the events export for the window, the kind and one MMSI', () => {
    const r = exportRequest('events', 'csv', { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', kind: 'gap', vessel: one });
    expect(r.url).toBe('api/export/events.csv?from=2026-11-01T00%3A00%3A00Z&to=2026-11-02T00%3A00%3A00Z&kind=gap&mmsi=563000001');
    expect(r.unapplied).toEqual([]);
    expect(unappliedText('events', r.unapplied)).toBe('');
    expect(exportRequest('events', 'kml').url).toBe('api/export/events.kml');
  });
  it('names the filters an export does not take', () => {
    const zone = { id: 'zone-1', name: 'Eastern anchorage' };
    const r = exportRequest('events', 'geojson', { kind: 'zone_entry', vessel: several, zone });
    // a zone by its id goes with the export
    expect(r.url).toBe('api/export/events.geojson?kind=zone_entry&zone=zone-1');
    expect(r.unapplied).toEqual(['Vessel "pacific" (the export takes one vessel\'s MMSI)']);
    expect(unappliedText('events', r.unapplied)).toBe('The events export leaves out: Vessel "pacific" (the export takes one vessel\'s MMSI).'
      + ' The file holds the events of the other filters.');
    // a zone known only by the name its events give is not
    expect(exportRequest('events', 'csv', { zone: { id: undefined, name: 'Eastern anchorage' } }).unapplied)
      .toEqual(['Zone "Eastern anchorage" (the export takes a zone by its id)']);
    // a prefix of MMSIs is not one vessel either
    expect(exportRequest('events', 'csv', { vessel: vesselFilter('563', []) }).unapplied).toEqual(['Vessel "563" (the export takes one vessel\'s MMSI)']);
  });
  it('asks the episodes export for the kind and one MMSI: an episode under way has no window', () => {
    const r = exportRequest('ongoing', 'csv', { from: '2026-11-01T00:00:00Z', kind: 'port_visit', vessel: one });
    expect(r.url).toBe('api/export/ongoing.csv?kind=port_visit&mmsi=563000001');
    expect(r.unapplied).toEqual(['From/To']);
    expect(unappliedText('ongoing', r.unapplied)).toBe('The export of episodes under way leaves out: From/To. The file holds the episodes under way of the other filters.');
    expect(exportRequest('ongoing', 'kml', { to: '2026-11-01T00:00:00Z' }).unapplied).toEqual(['From/To']);
  });
  it('reads the file name of a Content-Disposition header', () => {
    expect(dispositionName('attachment; filename="events.csv"')).toBe('events.csv');
    expect(dispositionName('attachment; filename=ongoing.kml')).toBe('ongoing.kml');
    expect(dispositionName(null)).toBeNull();
  });
});

describe('readPastedZone', () => {
  // vessels in Kiel Bay (lat 54.4-54.5, lon 10.2-10.3)
  const kiel = [{ lat: 54.42, lon: 10.22 }, { lat: 54.45, lon: 10.25 }, { lat: 54.48, lon: 10.28 }, { lat: null, lon: null }];
  const ringOf = (r) => r.fc.features[0].geometry.coordinates[0];
  it('reads "lat,lon" lines as [lon, lat] positions, closing the ring', () => {
    const r = readPastedZone('54.40,10.20\n54.40,10.30\n\n54.50, 10.30\n# the last corner\n54.50;10.20\n', 'Kiel approach', kiel);
    expect(r.warning).toBeNull();
    expect(r.fc.features).toHaveLength(1);
    expect(r.fc.features[0].properties.name).toBe('Kiel approach');
    expect(ringOf(r)).toEqual([[10.2, 54.4], [10.3, 54.4], [10.3, 54.5], [10.2, 54.5], [10.2, 54.4]]);
    expect(vesselsInside(r.fc, kiel)).toBe(3);
    // tabs or spaces between the values, a header line, a ring closed already
    expect(ringOf(readPastedZone('lat,lon\n54.4\t10.2\n54.4 10.3\n54.5  10.3\n54.4\t10.2', 'x'))).toEqual([[10.2, 54.4], [10.3, 54.4], [10.3, 54.5], [10.2, 54.4]]);
  });
  it('refuses "lat,lon" lines whose first value is beyond ±90, offering them the other way round', () => {
    const r = readPastedZone('103.60,1.10\n103.90,1.10\n103.90,1.30\n103.60,1.30', 'Singapore Strait');
    expect(r.fc).toBeNull();
    expect(r.warning).toBe('line 1: 103.6 is beyond ±90, so it is not a latitude: the lines are read as "lat,lon", and these look like "lon,lat"');
    expect(r.swapped.features[0].geometry.coordinates[0][0]).toEqual([103.6, 1.1]);
  });
  it('warns when the zone holds no vessel on the map and holds some with the values exchanged', () => {
    // Kiel Bay typed as lon,lat: as read it lies off Somalia's coast
    const r = readPastedZone('10.20,54.40\n10.30,54.40\n10.30,54.50\n10.20,54.50', 'Kiel', kiel);
    expect(r.fc).not.toBeNull();
    expect(r.warning).toBe('as read, the zone lies at 10.25, 54.45 (lat, lon) and holds none of the 3 vessels on the map;'
      + ' with each position\'s two values exchanged it holds 3: they may be the wrong way round');
    expect(vesselsInside(r.swapped, kiel)).toBe(3);
    // a zone with no vessel either way, or with no vessels to go by, is taken as it is
    expect(readPastedZone('10.20,54.40\n10.30,54.40\n10.30,54.50\n10.20,54.50', 'Kiel', [{ lat: -30, lon: -30 }]).warning).toBeNull();
    expect(readPastedZone('10.20,54.40\n10.30,54.40\n10.30,54.50\n10.20,54.50', 'Kiel').warning).toBeNull();
  });
  it('reads a GeoJSON geometry, Feature or FeatureCollection, named by the name box unless it names itself', () => {
    const poly = { type: 'Polygon', coordinates: [[[10.2, 54.4], [10.3, 54.4], [10.3, 54.5], [10.2, 54.5], [10.2, 54.4]]] };
    const g = readPastedZone(JSON.stringify(poly), 'Kiel', kiel);
    expect(g.warning).toBeNull();
    expect(g.fc.features[0]).toMatchObject({ geometry: poly, properties: { name: 'Kiel' } });
    const f = readPastedZone(JSON.stringify({ type: 'Feature', geometry: poly, properties: { name: 'Own name' } }), '', kiel);
    expect(f.fc.features[0].properties.name).toBe('Own name');
    const fc = readPastedZone(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: poly, properties: {} }] }), 'Box', kiel);
    expect(fc.fc.features[0].properties.name).toBe('Box');
    expect(() => readPastedZone(JSON.stringify(poly), ' ')).toThrow(/a zone needs a name/);
  });
  it('refuses GeoJSON positions given as [lat, lon]', () => {
    const poly = { type: 'Polygon', coordinates: [[[1.1, 103.6], [1.1, 103.9], [1.3, 103.9], [1.1, 103.6]]] };
    const r = readPastedZone(JSON.stringify(poly), 'Strait');
    expect(r.fc).toBeNull();
    expect(r.warning).toBe('a position has 103.6 as its latitude, beyond ±90: GeoJSON positions are [lon, lat], and these look like [lat, lon]');
    expect(r.swapped.features[0].geometry.coordinates[0][0]).toEqual([103.6, 1.1]);
    // [lat, lon] within range both ways: the vessels tell
    const kielLatLon = { type: 'Polygon', coordinates: [[[54.4, 10.2], [54.4, 10.3], [54.5, 10.3], [54.5, 10.2], [54.4, 10.2]]] };
    expect(readPastedZone(JSON.stringify(kielLatLon), 'Kiel', kiel).warning).toMatch(/holds none of the 3 vessels on the map; .* it holds 3:/);
  });
  it('says what is wrong with text that is no polygon either way', () => {
    expect(() => readPastedZone('   ', 'x')).toThrow(/paste a polygon/);
    expect(() => readPastedZone('54.4,10.2\nfifty,ten\n54.5,10.3', 'x')).toThrow('line 2: "fifty,ten" is not "lat,lon" (two numbers, as 1.2345,103.8765)');
    expect(() => readPastedZone('54.4,10.2\n54.5,10.3', 'x')).toThrow(/at least 3 distinct vertices/);
    expect(() => readPastedZone('{"type":', 'x')).toThrow(/not JSON/);
    expect(() => readPastedZone('{"type":"LineString","coordinates":[[1,2],[3,4]]}', 'x')).toThrow(/expected a GeoJSON Feature/);
    expect(() => readPastedZone('{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}', 'x')).toThrow(/must be Polygon or MultiPolygon/);
    // beyond ±90 both ways
    expect(() => readPastedZone('100,100\n101,100\n101,101', 'x')).toThrow(/out of range/);
  });
  it('tells inside from outside, holes outside', () => {
    const g = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
    expect(insideGeometry(g, 2, 2)).toBe(true);
    expect(insideGeometry(g, 5, 5)).toBe(false);
    expect(insideGeometry(g, 11, 5)).toBe(false);
    expect(insideGeometry({ type: 'MultiPolygon', coordinates: [g.coordinates, [[[20, 20], [30, 20], [30, 30], [20, 20]]]] }, 28, 22)).toBe(true);
    expect(swapPositions({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[1, 2], [3, 4]]] }, properties: {} }] })
      .features[0].geometry.coordinates).toEqual([[[2, 1], [4, 3]]]);
  });
});

describe('vesselSize', () => {
  it('gives length × beam from the AIS distances as the API sends them', () => {
    // type 5 of CHEMICAL PIONEER: 169 + 40 m by 14 + 14 m
    expect(vesselSize({ to_bow: 169, to_stern: 40, to_port: 14, to_starboard: 14, length: 209, beam: 28 })).toBe('209 × 28 m');
  });
  it('gives an overall size known without the reference point (a CSV export\'s length and width)', () => {
    expect(vesselSize({ length: 225, beam: 23 })).toBe('225 × 23 m');
    expect(vesselSize({ length: 14 })).toBe('length 14 m');
    expect(vesselSize({ beam: 5 })).toBe('beam 5 m');
  });
  it('adds up the distances of a vessel object without length and beam', () => {
    expect(vesselSize({ to_bow: 150, to_stern: 40, to_port: 16, to_starboard: 16 })).toBe('190 × 32 m');
    expect(vesselSize({ to_bow: 12, to_stern: 0, to_port: 0, to_starboard: 0 })).toBe('length 12 m');
  });
  it('says nothing is known when nothing is', () => {
    expect(vesselSize({})).toBe('—');
    expect(vesselSize({ to_bow: 0, to_stern: 0, to_port: 0, to_starboard: 0 })).toBe('—');
  });
});
