package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaritimeIdentificationDigitsTest {
    private final MaritimeIdentificationDigits mids = MaritimeIdentificationDigits.standard();

    @Test
    void knownAllocations() {
        assertThat(mids.byMid(201)).isEqualTo(new FlagState(201, "AL", "Albania"));
        assertThat(mids.byMid(775).iso2()).isEqualTo("VE");
        assertThat(mids.byMid(538).iso2()).isEqualTo("MH");
        assertThat(mids.byMid(636).iso2()).isEqualTo("LR");
        assertThat(mids.byMid(357).iso2()).isEqualTo("PA");
        assertThat(mids.byMid(200)).isNull();
        assertThat(mids.byMid(-1)).isNull();
        assertThat(mids.byMid(1000)).isNull();
        assertThat(mids.all()).hasSizeGreaterThan(280).isSortedAccordingTo((a, b) -> a.mid() - b.mid());
    }

    @Test
    void flagOfEachMmsiKind() {
        assertThat(mids.forMmsi(366032000).iso2()).isEqualTo("US");      // ship (case B16)
        assertThat(mids.forMmsi(3669702).iso2()).isEqualTo("US");        // base station 003669702 (B28)
        assertThat(mids.forMmsi(111232511).iso2()).isEqualTo("GB");      // SAR aircraft (B29)
        assertThat(mids.forMmsi(992351234).iso2()).isEqualTo("GB");      // AtoN 99MIDxxxx
        assertThat(mids.forMmsi(970123456)).isNull();                      // AIS-SART: no MID
        assertThat(mids.forMmsi(1_000_000_000)).isNull();                  // 10 digits (B04)
    }

    @Test
    void everyMidInTheItuListIsKnownWithTheSameCountry() throws IOException {
        Path csv = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/geo/mid/MaritimeIdentificationDigits.csv");
        assumeTrue(Files.isRegularFile(csv), "shared MID list absent: " + csv);
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.startsWith("MID") || line.isBlank()) {
                continue;
            }
            rows++;
            int comma = line.indexOf(',');
            int mid = Integer.parseInt(line.substring(0, comma).trim());
            String theirs = line.substring(comma + 1).replace("\"", "").trim();
            FlagState ours = mids.byMid(mid);
            if (ours == null) {
                missing.add(line);
            } else if (!sameCountry(ours.name(), theirs)) {
                differing.add(mid + ": " + ours.name() + " / " + theirs);
            }
        }
        assertThat(rows).isGreaterThan(280);
        assertThat(missing).as("MIDs in the ITU list we do not know").isEmpty();
        assertThat(differing).as("MIDs whose country differs").isEmpty();
    }

    /** Same country when a word of our name (first 5 letters, accents dropped) appears in theirs. */
    private static boolean sameCountry(String ours, String theirs) {
        String t = fold(theirs);
        for (String word : fold(ours).split(" ")) {
            if (word.length() >= 4 && t.contains(word.substring(0, Math.min(5, word.length())))) {
                return true;
            }
        }
        return false;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase().replaceAll("[^a-z ]", " ");
    }
}
