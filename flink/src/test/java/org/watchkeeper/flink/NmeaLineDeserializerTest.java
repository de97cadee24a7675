package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class NmeaLineDeserializerTest {
    static List<RawLine> read(String key, String value) throws Exception {
        List<RawLine> out = new ArrayList<>();
        new NmeaLineDeserializer().deserialize(new ConsumerRecord<>("t", 0, 0,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.ISO_8859_1)),
                new Collector<>() {
                    @Override
                    public void collect(RawLine r) {
                        out.add(r);
                    }

                    @Override
                    public void close() {
                    }
                });
        return out;
    }

    @Test
    void sourceIsTheKeyElseTheTagBlockElseEmpty() throws Exception {
        String tagged = "\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13";
        assertThat(read("station-7", tagged)).containsExactly(new RawLine("station-7", tagged, 1_241_544_035_000L));
        assertThat(read(null, tagged)).containsExactly(new RawLine("r003669945", tagged, 1_241_544_035_000L));
        assertThat(read("", "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26"))
                .containsExactly(new RawLine("", "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26", Long.MIN_VALUE));
        // DMA files: "si:" is not "s:"
        assertThat(NmeaLineDeserializer.tagSource("\\si:AISD*3F\\")).isEmpty();
        assertThat(NmeaLineDeserializer.tagSource("\\c:1241544035,s:ST1*00\\!AIVDM")).isEqualTo("ST1");
    }

    @Test
    void severalLinesInOneRecordKeepTheirOrderAndBlankLinesAreSkipped() throws Exception {
        assertThat(read("k", "a\r\nb\n\nc\rd")).extracting(RawLine::line).containsExactly("a", "b", "c", "d");
    }

    @Test
    void pghpArmingFollowsTheDecoderRule() {
        assertThat(FramingFunction.armsPghp("$PGHP,1,2014,9,28,16,0,4,684,219,21,992190921,1,14*22", false)).isTrue();
        assertThat(FramingFunction.armsPghp("\\si:AISD*3F\\", true)).isTrue();
        assertThat(FramingFunction.armsPghp("   ", true)).isTrue();
        assertThat(FramingFunction.armsPghp("!AIVDM,1,1,,A,1815:?Pu@SPl2`LQ4kaeRr0400SS,0*14", true)).isFalse();
        assertThat(FramingFunction.armsPghp("\\si:AISD*3F\\", false)).isFalse();
    }
}
