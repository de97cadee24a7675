/**
 * NMEA 0183 / IEC 61162-1 sentence framing and IEC 61162-450 tag blocks for AIS: bytes or lines in,
 * {@link org.watchkeeper.ais.nmea.ReceivedMessage}s and {@link org.watchkeeper.ais.nmea.Rejection}s
 * out, through {@link org.watchkeeper.ais.nmea.AisStreamDecoder}. The rules, and how each quirk of
 * the real feeds is handled, are documented on that class.
 */
package org.watchkeeper.ais.nmea;
