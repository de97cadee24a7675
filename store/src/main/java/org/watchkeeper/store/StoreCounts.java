package org.watchkeeper.store;

/**
 * Row counts of a history store.
 *
 * @param positions       stored position fixes
 * @param vessels         vessels (distinct MMSIs with a vessel row)
 * @param identityChanges stored identity changes
 * @param events          stored events (distinct ids)
 */
public record StoreCounts(long positions, long vessels, long identityChanges, long events) {
}
