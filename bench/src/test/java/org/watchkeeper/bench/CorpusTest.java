package org.watchkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

class CorpusTest {
    /** Three real lines (AisLib stream_example / cases README) plus a $PGHP and a two-part type 5. */
    private static final String SAMPLE = String.join("\n",
            "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B",
            "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B",
            "\\s:2573135,c:1671620143*0A\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
            "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E",
            "!AIVDM,2,2,3,B,1@0000000000000,2*55",
            "!BSVDO,1,1,,A,33@nod@P03PhO4JQ1TIc`gwR2L1@,0*31",
            "") ;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void countsLinesAndAisSentences() {
        assertThat(Corpus.countLines(bytes(SAMPLE))).isEqualTo(6);
        assertThat(Corpus.countLines(bytes("a\nb"))).isEqualTo(2);
        assertThat(Corpus.countAisSentences(bytes(SAMPLE))).isEqualTo(5);
    }

    @Test
    void positionReportsOnlyKeepsSingleSentenceTypes1To3() {
        String kept = new String(Corpus.positionReportsOnly(bytes(SAMPLE)), StandardCharsets.US_ASCII);
        assertThat(kept).isEqualTo(
                "\\s:2573135,c:1671620143*0A\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n"
                        + "!BSVDO,1,1,,A,33@nod@P03PhO4JQ1TIc`gwR2L1@,0*31\n");
    }

    @Test
    void byKindPutsEveryLineInOneKind() {
        String text = "\\si:AISD*3F\\\r\n" + SAMPLE + "$PSTT,10A*12\n!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A,1272422678\n"
                + "!AIVDM,1,1,,B,B5NIeAP00=qmw14cRKvQSwm5WP06,0*51\n";
        var kinds = Corpus.byKind(bytes(text));
        assertThat(kinds.keySet()).containsExactlyElementsOf(Corpus.KINDS);
        java.util.function.Function<String, String> k = name -> new String(kinds.get(name), StandardCharsets.US_ASCII);
        assertThat(k.apply("tag-block only")).isEqualTo("\\si:AISD*3F\\\r\n");
        assertThat(k.apply("$PGHP")).startsWith("$PGHP,1,2010").endsWith("*5B\n");
        assertThat(k.apply("other non-AIS")).isEqualTo("$PSTT,10A*12\n");
        assertThat(k.apply("type 1-3, bare")).isEqualTo("!BSVDO,1,1,,A,33@nod@P03PhO4JQ1TIc`gwR2L1@,0*31\n");
        assertThat(k.apply("type 1-3, trailer time")).endsWith(",0*4A,1272422678\n");
        assertThat(k.apply("type 1-3, tag block")).startsWith("\\s:2573135");
        assertThat(k.apply("type 4/11")).startsWith("!AIVDM,1,1,,B,402=");
        assertThat(k.apply("type 18/19")).startsWith("!AIVDM,1,1,,B,B5NI");
        assertThat(Corpus.countLines(kinds.get("multi-sentence fragments"))).isEqualTo(2);
        assertThat(kinds.get("type 5 (single)")).isEmpty();
        int lines = 0;
        for (byte[] b : kinds.values()) {
            lines += Corpus.countLines(b);
        }
        assertThat(lines).isEqualTo(Corpus.countLines(bytes(text)));
    }

    @Test
    void repeatsWholeLinesToTheExactCount() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = Corpus.writeRepeated(bytes("a\nbb\nccc"), 7, out);
        assertThat(n).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\nbb\nccc\na\nbb\nccc\na\n");
    }

    @Test
    void mixedCorpusHoldsEveryRealLogDecompressed() throws IOException {
        Path shared = Paths.get(System.getProperty("watchkeeper.shared", "../shared"), "data", "ais");
        assumeTrue(Files.isDirectory(shared), "shared AIS logs not found at " + shared + "; skipping");
        byte[] mixed = Corpus.mixed(shared);
        long expectedLines = 0;
        for (Path f : Corpus.logFiles(shared)) {
            try (var in = f.toString().endsWith(".gz")
                    ? new java.util.zip.GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f);
                 var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                expectedLines += r.lines().count();
            }
        }
        assertThat(Corpus.countLines(mixed)).isEqualTo(expectedLines);
        String text = new String(mixed, StandardCharsets.ISO_8859_1);
        // path order: the AMSA feed (ais.txt.gz) comes first; both gzip logs are there in clear text
        assertThat(text).startsWith("!ABVDM,1,1,6,B,1G7lQJ001PbomTie:ms2sR@40000,0*34\n");
        assertThat(text).contains("$PGHP,1,2013,11,12,12,0,0,11,219,,2190067,1,62*26");
        assertThat(mixed[mixed.length - 1]).isEqualTo((byte) '\n');
    }
}
