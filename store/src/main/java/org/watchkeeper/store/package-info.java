/**
 * The history store of Watchkeeper: positions, vessels, identity changes and events, and the
 * questions asked of them (track of a vessel, who was in a box or polygon, who came within a
 * radius of a point and how close, identity history, events by kind or vessel).
 *
 * <p>{@link org.watchkeeper.store.HistoryStore} is the interface; its rows are plain records of
 * this package ({@link org.watchkeeper.store.PositionRow}, {@link org.watchkeeper.store.VesselRow},
 * {@link org.watchkeeper.store.IdentityChangeRow}, {@link org.watchkeeper.store.EventRow}) so the
 * store does not depend on how the rest of the system models them.
 * {@link org.watchkeeper.store.DuckDbHistoryStore} keeps one embedded file;
 * {@link org.watchkeeper.store.PostgresHistoryStore} uses PostgreSQL + PostGIS. Both answer every
 * query identically: the exact rules (inclusive lat/lon boxes split at the 180° meridian, the
 * haversine distance on a sphere of radius 6 371 008.8 m, JTS point-in-polygon with the boundary
 * inside) are shared, and only the index prefilter differs.
 */
package org.watchkeeper.store;
