package org.watchkeeper.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;

/**
 * How the CSV readers split rows ({@link CsvRecords}): a malformed row is rejected alone, with its
 * line and why, and the rows after it are read; rows are bounded; rows that do not match the header
 * are rejected.
 */
class CsvRecordsTest {
    static final String MC = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,"
            + "Draft,Cargo,TransceiverClass\n";

    /** A MarineCadastre row without any quote: its name field is {@code name}. */
    static String plain(int mmsi, int s, String name) {
        return mmsi + ",2022-01-03T00:00:" + String.format("%02d", s) + ",30.1,-88.2,0,10,511," + name + ",,,31,0,28,11,3.3,52,A";
    }

    /** A MarineCadastre row of MMSI {@code mmsi} at second {@code s} past midnight, named {@code name} (as written). */
    static String mc(int mmsi, int s, String name) {
        return mmsi + ",\"2022-01-03T00:00:" + String.format("%02d", s) + "\",30.1,-88.2,0,10,511," + name
                + ",\"\",\"\",31,0,28,11,3.3,52,\"A\"";
    }

    private record Read(CsvReport report, List<Observation> observations, List<CsvReport.Problem> told) {
    }

    private static Read mc(String csv) throws IOException {
        List<Observation> out = new ArrayList<>();
        List<CsvReport.Problem> told = new ArrayList<>();
        CsvReport r = new MarineCadastreReader("t").read(new StringReader(csv), out::add, () -> null, told::add);
        return new Read(r, out, told);
    }

    private static List<String> names(Read r) {
        return r.observations().stream().filter(o -> o instanceof IdentityObservation)
                .map(o -> ((IdentityObservation) o).name()).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void aQuoteInsideAQuotedFieldRejectsItsRowAloneAndTheRowsAfterItAreRead() throws IOException {
        Read r = mc(MC + mc(1, 1, "\"ONE\"") + "\n" + mc(2, 2, "\"BAD \"X\" NAME\"") + "\n" + mc(3, 3, "\"THREE\"") + "\n");
        assertThat(r.report().rows()).isEqualTo(3);
        assertThat(r.report().badRows()).isEqualTo(1);
        assertThat(names(r)).containsExactly("ONE", "THREE");
        assertThat(r.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason)
                .containsExactly(tuple(3L, CsvRejectReason.MALFORMED_ROW));
        assertThat(r.told().get(0).row()).isEqualTo(mc(2, 2, "\"BAD \"X\" NAME\""));
        assertThat(r.report().rejections()).isEqualTo(Map.of(CsvRejectReason.MALFORMED_ROW, 1L));
    }

    /**
     * A stray quote opening a field that never closes on its line: the quote would swallow the next
     * line as a field going on there, where the next quote is followed by a character. Only the line
     * of the stray quote is rejected; the next line is read again as a row of its own.
     */
    @Test
    void aStrayOpeningQuoteCostsItsOwnLineOnly() throws IOException {
        Read r = mc(MC + plain(1, 1, "\"ONE") + "\n" + mc(2, 2, "\"TWO\"") + "\n" + mc(3, 3, "\"THREE\"") + "\n");
        assertThat(names(r)).containsExactly("TWO", "THREE");
        assertThat(r.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(tuple(2L, CsvRejectReason.MALFORMED_ROW, "the quote opening field 8 is not closed on its"
                        + " line, and the lines after it do not go on validly (line 3: a character ('2') after the closing"
                        + " quote of field 8, where a comma or the end of the row must come (a quote inside a quoted field"
                        + " is written twice))"));
        assertThat(r.told().get(0).row()).isEqualTo(plain(1, 1, "\"ONE"));
        // a quote never closed before the end: that line is rejected, the rows after it are read
        Read end = mc(MC + mc(1, 1, "\"ONE\"") + "\n" + "2,\"2022-01-03T00:00:02\",1,1,\"unclosed\n3\n4\n");
        assertThat(end.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(tuple(3L, CsvRejectReason.MALFORMED_ROW, "the quote opening field 5 is not closed before"
                        + " the end of the input"),
                        tuple(4L, CsvRejectReason.FIELD_COUNT, "1 fields where the header has 17 (a row cut short?)"),
                        tuple(5L, CsvRejectReason.FIELD_COUNT, "1 fields where the header has 17 (a row cut short?)"));
    }

    /** RFC 4180: a quoted field holds commas, doubled quotes and line ends; the row is counted by the line it starts on. */
    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineEnds() throws IOException {
        Read r = mc(MC + mc(1, 1, "\"A, \"\"B\"\"\"") + "\r\n" + mc(2, 2, "\"TWO\nLINES\"") + "\r" + mc(3, 3, " \"THREE\" ")
                + "\n\n" + mc(4, 4, "") + "\n" + mc(5, 5, "\"\"") + "\n" + "6,\"2022-01-03T00:00:06\",1,1,0,0,511,\"five,\nlines,\n\n"
                + "of\",\"x\n\",\"\",\"\",,,,,,\"B\"\n" + mc(7, 7, "\"SEVEN\""));
        assertThat(r.told()).isEmpty();
        assertThat(r.report().rows()).isEqualTo(7);
        assertThat(r.report().lines()).isEqualTo(14);
        assertThat(names(r)).containsExactly("A, \"B\"", "TWO\nLINES", "THREE", "five,\nlines,\n\nof", "SEVEN");
        // with the lines they span: a bad time on the row after them is reported at its own line
        Read bad = mc(MC + mc(2, 2, "\"TWO\nLINES\"") + "\n" + mc(3, 3, "\"THREE\"").replace("2022-01-03", "2022-13-03") + "\n");
        assertThat(bad.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(tuple(4L, CsvRejectReason.BAD_TIME, "BaseDateTime: Text '2022-13-03T00:00:03' could not be"
                        + " parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13"));
    }

    /** A line longer than the bound is rejected without being kept whole; a quote open that long rejects its line. */
    @Test
    void rowsAreBounded() throws IOException {
        String huge = "\"" + "N".repeat(1_000_000) + "\"";
        Read r = mc(MC + mc(1, 1, huge) + "\n" + mc(2, 2, "\"TWO\"") + "\n");
        assertThat(names(r)).containsExactly("TWO");
        CsvReport.Problem p = r.told().get(0);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.reason()).isEqualTo(CsvRejectReason.ROW_TOO_LONG);
        assertThat(p.detail()).isEqualTo("a line of " + mc(1, 1, huge).length() + " characters, more than the 8192 a row may have");
        assertThat(p.row()).hasSize(CsvRecords.KEPT_OF_LONG_LINE + 3).endsWith("...");

        StringBuilder csv = new StringBuilder(MC).append(plain(1, 1, "\"OPEN")).append('\n');
        for (int i = 0; i < 200; i++) {
            csv.append(plain(2, 2, "TWO")).append('\n'); // no quote to close it
        }
        Read open = mc(csv.toString());
        assertThat(open.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::detail)
                .containsExactly(tuple(2L, "the quote opening field 8 is not closed within the 8192 characters a row may have"));
        assertThat(open.report().rows()).isEqualTo(201);
        assertThat(names(open)).hasSize(200);
    }

    /** Fewer fields than the header, or more that are not empty, reject the row; empty extra fields do not. */
    @Test
    void rowsThatDoNotMatchTheHeaderAreRejected() throws IOException {
        Read r = mc(MC + mc(1, 1, "\"ONE\"") + ",,\n" + mc(2, 2, "TWO, JR") + "\n" + "3,\"2022-01-03T00:00:03\",30.1\n");
        assertThat(names(r)).containsExactly("ONE");
        assertThat(r.told()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(tuple(3L, CsvRejectReason.FIELD_COUNT, "18 fields where the header has 17 (a comma in an"
                                + " unquoted field?)"),
                        tuple(4L, CsvRejectReason.FIELD_COUNT, "3 fields where the header has 17 (a row cut short?)"));
    }

    /** A header behind a UTF-8 byte order mark names its first column as it reads. */
    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
        Read r = mc("\uFEFF" + MC + mc(1, 1, "\"ONE\"") + "\n");
        assertThat(r.told()).isEmpty();
        assertThat(names(r)).containsExactly("ONE");
    }

    /** Every rejected row is given to the listener and counted; the first MAX_PROBLEMS are kept. */
    @Test
    void everyRejectedRowIsToldAndCounted() throws IOException {
        StringBuilder csv = new StringBuilder(MC);
        for (int i = 0; i < 1500; i++) {
            csv.append(mc(1, 1, "X").replace("2022-01-03", "2022-13-03")).append('\n');
        }
        Read r = mc(csv.toString());
        assertThat(r.report().badRows()).isEqualTo(1500);
        assertThat(r.told()).hasSize(1500);
        assertThat(r.told().get(1499).line()).isEqualTo(1501);
        assertThat(r.report().problems()).hasSize(CsvReport.MAX_PROBLEMS);
        assertThat(r.report().rejections()).isEqualTo(Map.of(CsvRejectReason.BAD_TIME, 1500L));
        assertThat(r.observations()).isEmpty();
    }

    /** The DMA reader splits its rows the same way; a bad ETA rejects the row (no position from it either). */
    @Test
    void dmaRowsToo() throws IOException {
        String row = "01/11/2023 00:00:01,Class A,219021000,55.466780,11.016700,Under way using engine,0.0,12.3,182.4,183,"
                + "9321172,OXPR2,NAME,Cargo,,25,180,GPS,7.2,AARHUS,02/11/2023 06:30:00,AIS,150,30,12,13\n";
        String csv = DmaReaderTest.HEADER + row.replace("NAME", "\"SKAGERRAK \"II\"\"") + row.replace("NAME", "ONE")
                + row.replace("02/11/2023 06:30:00", "soon") + row.replace("NAME", "TWO");
        List<Observation> out = new ArrayList<>();
        List<CsvReport.Problem> told = new ArrayList<>();
        CsvReport r = new DmaReader("t").read(new StringReader(csv), out::add, () -> null, told::add);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(told).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(tuple(2L, CsvRejectReason.MALFORMED_ROW, "a character ('I') after the closing quote of"
                                + " field 13, where a comma or the end of the row must come (a quote inside a quoted field is"
                                + " written twice)"),
                        tuple(4L, CsvRejectReason.BAD_FIELD, "ETA: Text 'soon' could not be parsed at index 0"));
        assertThat(out).hasSize(4);
        assertThat(out.stream().filter(o -> o instanceof IdentityObservation).map(o -> ((IdentityObservation) o).name()))
                .containsExactly("ONE", "TWO");
    }
}
