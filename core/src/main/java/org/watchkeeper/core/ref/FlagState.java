package org.watchkeeper.core.ref;

/**
 * The administration a Maritime Identification Digits code is allocated to.
 *
 * @param mid  the 3-digit MID, 201..775
 * @param iso2 ISO 3166-1 alpha-2 code of the country or territory (of the sovereign state where the
 *             territory has none, e.g. {@code TF} for the French Southern lands, {@code PT} for the Azores)
 * @param name the country or geographical area as the ITU table names it, e.g. "Panama",
 *             "Madeira (Portugal)"
 */
public record FlagState(int mid, String iso2, String name) {
}
