package org.watchkeeper.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void smallAndLargeNumbersArePlainDecimals() {
        assertThat(Double.toString(7.8E-4)).isEqualTo("7.8E-4"); // what Java and Jackson write
        assertThat(PlainJson.number(7.8E-4)).isEqualTo("0.00078");
        assertThat(PlainJson.number(1.0E-4)).isEqualTo("0.0001");
        assertThat(PlainJson.number(0.000001)).isEqualTo("0.000001");
        assertThat(PlainJson.number(-2.5E-5)).isEqualTo("-0.000025");
        assertThat(PlainJson.number(1.2345678E7)).isEqualTo("12345678.0");
        assertThat(PlainJson.number(1.0E7)).isEqualTo("10000000.0");
        assertThat(PlainJson.number(1.0E-4f)).isEqualTo("0.0001");
    }

    @Test
    void numbersWithoutAnExponentAreAsJavaWritesThem() {
        assertThat(PlainJson.number(12.535409)).isEqualTo("12.535409");
        assertThat(PlainJson.number(30.0)).isEqualTo("30.0");
        assertThat(PlainJson.number(0.001)).isEqualTo("0.001");
        assertThat(PlainJson.number(-0.0)).isEqualTo("-0.0");
        assertThat(PlainJson.number(9999999.5)).isEqualTo("9999999.5");
        assertThat(PlainJson.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PlainJson.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Property(tries = 2000)
    void theTextReadsBackAsTheSameDouble(@ForAll double d) {
        String s = PlainJson.number(d);
        if (Double.isFinite(d)) {
            assertThat(s).doesNotContain("E");
            assertThat(Double.parseDouble(s)).isEqualTo(d);
        }
    }

    @Test
    void treesAndMapsAreWrittenWithPlainNumbers() throws Exception {
        ObjectNode o = PlainJson.MAPPER.createObjectNode();
        o.put("implied_speed_kn", 7.8E-4);
        o.put("fixes", 240);
        o.put("duration_h", 12.535409);
        o.putArray("coordinates").add(1.0E-4).add(55.6);
        o.put("ratio", 2.0E-5f);
        o.put("exact", new BigDecimal("1E+3"));
        o.putNull("none");
        String expected = "{\"implied_speed_kn\":0.00078,\"fixes\":240,\"duration_h\":12.535409,"
                + "\"coordinates\":[0.0001,55.6],\"ratio\":0.00002,\"exact\":1000,\"none\":null}";
        assertThat(o.toString()).contains("7.8E-4"); // Jackson's own text of a tree
        assertThat(PlainJson.write(o)).isEqualTo(expected);
        // a tree read back from stored text (as every output re-reads an event's evidence) is written the same way
        JsonNode back = PlainJson.MAPPER.readTree("{\"a\":7.8E-4,\"b\":[1.0E-6]}");
        assertThat(PlainJson.write(back)).isEqualTo("{\"a\":0.00078,\"b\":[0.000001]}");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distance_nm", 4.0E-6);
        m.put("parts", List.of(Map.of("lon", -3.0E-4)));
        assertThat(PlainJson.MAPPER.writeValueAsString(m)).isEqualTo("{\"distance_nm\":0.000004,\"parts\":[{\"lon\":-0.0003}]}");
        assertThat(PlainJson.MAPPER.writeValueAsString(Double.NaN)).isEqualTo("\"NaN\"");
    }

    @Test
    void cellTextOfValues() throws Exception {
        JsonNode n = PlainJson.MAPPER.readTree("{\"d\":7.8E-4,\"s\":\"x,y\",\"b\":true,\"i\":3,\"o\":{\"v\":1.0E-4},\"a\":[2.0E-6]}");
        assertThat(PlainJson.text(n.get("d"))).isEqualTo("0.00078");
        assertThat(PlainJson.text(n.get("s"))).isEqualTo("x,y");
        assertThat(PlainJson.text(n.get("b"))).isEqualTo("true");
        assertThat(PlainJson.text(n.get("i"))).isEqualTo("3");
        assertThat(PlainJson.text(n.get("o"))).isEqualTo("{\"v\":0.0001}");
        assertThat(PlainJson.text(n.get("a"))).isEqualTo("[0.000002]");
        assertThat(PlainJson.text(PlainJson.MAPPER.getNodeFactory().numberNode(new BigDecimal("1E-7")))).isEqualTo("0.0000001");
    }
}
