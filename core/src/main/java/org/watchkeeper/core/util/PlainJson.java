package org.watchkeeper.core.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * JSON numbers as every output writes them: plain decimals, never in exponent form.
 *
 * <p>Java (and Jackson, which writes a {@code double} by {@link Double#toString}) writes a number below
 * 0.001 or from 10<sup>7</sup> on in exponent form: an implied speed of 0.00078 kn as {@code 7.8E-4}, a
 * longitude 0.0001° east of Greenwich as {@code 1.0E-4}. Reports, CSV cells and API responses give
 * such numbers as {@code 0.00078} and {@code 0.0001}, as they give every other number. The digits are
 * those of {@link Double#toString} (the shortest that read back as the same double), so nothing is
 * rounded here: measured values are rounded where they are made ({@code Event.writtenAttribute},
 * {@code Coordinates.round6}, at most 6 decimals).
 *
 * <p>A {@link JsonNode}'s own {@code toString()} writes through a mapper of Jackson's that this one does
 * not reach: write a tree with {@link #write(JsonNode)}, and a cell's value with {@link #text(JsonNode)}.
 */
public final class PlainJson {
    /** A shared mapper writing plain numbers ({@link #mapper()}); thread-safe, not to be reconfigured. */
    public static final ObjectMapper MAPPER = mapper();

    private PlainJson() {
    }

    /**
     * The text of {@code d} as the outputs write it: {@link Double#toString}'s form when it has no exponent
     * ({@code 12.535409}, {@code 30.0}, {@code -0.5}), else the same digits as a plain decimal
     * ({@code 7.8E-4} as {@code 0.00078}, {@code 1.0E-6} as {@code 0.000001}, {@code 1.2345678E7} as
     * {@code 12345678.0}; a whole number keeps its {@code .0}). NaN and the infinities are returned as
     * {@link Double#toString} gives them (JSON has no number for them: callers leave them out).
     *
     * @param d any double
     * @return its decimal text, never in exponent form when finite
     */
    public static String number(double d) {
        return plain(Double.toString(d), Double.isFinite(d));
    }

    /** The text of {@code f} as {@link #number(double)} gives a double's, from {@link Float#toString}'s digits. */
    public static String number(float f) {
        return plain(Float.toString(f), Float.isFinite(f));
    }

    private static String plain(String s, boolean finite) {
        if (!finite || s.indexOf('E') < 0) {
            return s;
        }
        String p = new BigDecimal(s).stripTrailingZeros().toPlainString();
        return p.indexOf('.') < 0 ? p + ".0" : p;
    }

    /**
     * A JSON factory whose generators write every {@code double} and {@code float} by {@link #number(double)}
     * (not-finite values as Jackson does) and every {@code BigDecimal} in plain form.
     *
     * @return a new factory
     */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addDecorator((factory, generator) -> new PlainNumbers(generator))
                .build();
    }

    /**
     * A new mapper over {@link #factory()}: what it writes (a tree, a map, a record) has its numbers in
     * plain form; it reads as Jackson's default mapper does.
     *
     * @return a new mapper, free to be configured further
     */
    public static ObjectMapper mapper() {
        return new ObjectMapper(factory());
    }

    /**
     * The compact JSON text of {@code node}, numbers in plain form: what {@code node.toString()} gives,
     * but for {@code 0.00078} in place of {@code 7.8E-4}.
     *
     * @param node any tree, or null (written {@code null})
     * @return its JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree in memory always has a JSON text: this is no input error
            throw new IllegalStateException("a JSON tree could not be written: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The text a CSV cell or a KML value gives {@code v}: a number in plain form, a string as itself (not
     * quoted), a boolean {@code true}/{@code false}, an object or array as its compact JSON
     * ({@link #write(JsonNode)}), null as {@code "null"}.
     *
     * @param v a JSON value, not null
     * @return its text
     */
    public static String text(JsonNode v) {
        if (v.isDouble()) {
            return number(v.doubleValue());
        }
        if (v.isFloat()) {
            return number(v.floatValue());
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        return v.isContainerNode() ? write(v) : v.asText();
    }

    /** Writes doubles, floats and decimals of the generator it wraps in plain form. */
    private static final class PlainNumbers extends JsonGeneratorDelegate {
        PlainNumbers(JsonGenerator d) {
            super(d, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(number(v));
            } else {
                delegate.writeNumber(v);
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                delegate.writeNumber(number(v));
            } else {
                delegate.writeNumber(v);
            }
        }
    }
}
