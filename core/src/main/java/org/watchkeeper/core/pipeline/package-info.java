/**
 * The analysis pipeline after decoding, free of I/O formats and SQL:
 * {@link org.watchkeeper.core.pipeline.InputFormat} recognises NMEA or a CSV export by its first
 * line; {@link org.watchkeeper.core.pipeline.NmeaInput} turns an
 * {@link org.watchkeeper.ais.nmea.AisStreamDecoder}'s messages into observations with an event
 * time (carrying the time forward for untimed lines, {@link org.watchkeeper.core.pipeline.GnssClock}
 * for logs timed by {@code $GPRMC}/{@code $GPZDA}); {@link org.watchkeeper.core.pipeline.TimeOrderedBuffer}
 * sorts a CSV export by time; {@link org.watchkeeper.core.pipeline.Analysis} runs the vessel picture
 * and tracker and tells its {@link org.watchkeeper.core.pipeline.AnalysisListener}s (history store,
 * report, detection engine) every step; {@link org.watchkeeper.core.pipeline.HandOff} hands the
 * observations to a second thread that runs the analysis beside the decoder and the mapping.
 */
package org.watchkeeper.core.pipeline;
