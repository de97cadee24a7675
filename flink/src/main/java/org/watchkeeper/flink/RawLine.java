package org.watchkeeper.flink;

/**
 * One NMEA 0183 line as read from Kafka, with the receiving source it belongs to.
 *
 * @param source the source id: the Kafka record key when present, else the tag block {@code s:}
 *        parameter of the line, else the empty string (all keyless, untagged lines form one stream)
 * @param line the line without its terminator, as sent (tag block, sentence, trailer)
 * @param time event time for watermarks, epoch ms: the time the line states ({@link LineTime}), else
 *        the last time stated before it in the same Kafka partition, else {@link Long#MIN_VALUE}
 * @param timeStated whether {@code time} is the line's own ({@link LineTime#stated()}): only those
 *        times count for the watermarks' stray-time rule ({@link StrayTimeWatermarks}), so that lines
 *        carrying no time of their own do not confirm the time of the line before them
 */
public record RawLine(String source, String line, long time, boolean timeStated) {
    /** A line whose time, when there is one ({@code time != Long.MIN_VALUE}), is its own. */
    public RawLine(String source, String line, long time) {
        this(source, line, time, time != Long.MIN_VALUE);
    }
}
