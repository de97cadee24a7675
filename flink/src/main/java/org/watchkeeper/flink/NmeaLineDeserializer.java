package org.watchkeeper.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads Kafka records of raw NMEA text into {@link RawLine}s. A record value holds one line or
 * several (separated by LF, CRLF or CR; empty lines are skipped), in ISO-8859-1 as NMEA is ASCII.
 * The source is the record key (UTF-8) when it is present and not empty, else the {@code s:}
 * parameter of the line's tag block, else the empty string. Each line gets the time it states
 * ({@link LineTime}) or else the last time stated before it in the same partition, the event time
 * the source's per-partition watermarks are made from.
 *
 * <p>Multi-sentence messages are reassembled per source, so a producer that does not set keys must
 * put {@code s:} in the tag block of every fragment (IEC 61162-450 does); records of one source must
 * go to one partition to keep their order (Kafka's default partitioner does that by key).
 */
public final class NmeaLineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {
    private static final long serialVersionUID = 1L;

    /** Last line time per partition of this reader (see {@link RawLine#time()}). */
    private transient java.util.Map<Integer, LineTime> clocks;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) throws IOException {
        byte[] v = record.value();
        if (v == null) {
            return;
        }
        String key = record.key() == null || record.key().length == 0 ? null
                : new String(record.key(), StandardCharsets.UTF_8);
        if (clocks == null) {
            clocks = new java.util.HashMap<>();
        }
        LineTime clock = clocks.computeIfAbsent(record.partition(), k -> new LineTime());
        String text = new String(v, StandardCharsets.ISO_8859_1);
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                if (i > start) {
                    String line = text.substring(start, i);
                    long t = clock.next(line);
                    out.collect(new RawLine(key != null ? key : tagSource(line), line, t, clock.stated()));
                }
                start = i + 1;
            }
        }
    }

    /**
     * The {@code s:} parameter of a leading tag block ({@code \s:ID,c:...*hh\}), or "" when the line
     * has none. The tag block's checksum is checked later by the decoder; here only the key is read.
     */
    static String tagSource(String line) {
        int p = 0;
        while (p < line.length() && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        if (p >= line.length() || line.charAt(p) != '\\') {
            return "";
        }
        int close = line.indexOf('\\', p + 1);
        if (close < 0) {
            return "";
        }
        int star = line.lastIndexOf('*', close);
        int end = star > p ? star : close;
        int i = p + 1;
        while (i < end) {
            int comma = line.indexOf(',', i);
            if (comma < 0 || comma > end) {
                comma = end;
            }
            if (comma - i >= 2 && line.charAt(i) == 's' && line.charAt(i + 1) == ':') {
                return line.substring(i + 2, comma);
            }
            i = comma + 1;
        }
        return "";
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}
