package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TarInput}: the one file of a tar archive, as the inputs are opened ({@link Inputs#maybeGunzipped}). */
class TarInputTest {
    private static final byte[] LOG = ("\\s:2573105,c:1715000000*0B\\!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n"
            + "!AIVDM,1,1,,B,13u?etPv2;0n:dDPwUM1U1Cb069D,0*27\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private static byte[] read(byte[] archive) throws IOException {
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(archive), 1 << 16, 1 << 16)) {
            assertThat(in).isInstanceOf(TarInput.class);
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheOneFilePassingOverFoldersAndMacOsCopies() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("logs/", new byte[0]);
        entries.put("logs/._feed.nmea", new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
        entries.put("logs/feed.nmea", LOG);
        byte[] tar = Tars.tar(entries);
        assertThat(read(tar)).isEqualTo(LOG);
        assertThat(read(Tars.gzip(tar))).isEqualTo(LOG);
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(tar), 1 << 16, 1 << 16)) {
            in.readAllBytes();
            assertThat(Inputs.archived(in)).isEqualTo("the file logs/feed.nmea in it");
        }
    }

    @Test
    void aSecondFileACutAndADamagedHeaderAreErrorsAfterTheDataBeforeThem() throws IOException {
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a.nmea", LOG);
        two.put("b.nmea", LOG);
        byte[] tar = Tars.tar(two);
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(tar), 1 << 16, 1 << 16)) {
            assertThat(in.readNBytes(LOG.length)).isEqualTo(LOG);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessage("the tar archive holds more than one file (a.nmea, then b.nmea): " + TarInput.UNTAR_SEVERAL);
        }
        byte[] one = Tars.tar(Map.of("a.nmea", LOG));
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(Arrays.copyOf(one, 512 + 40)), 1 << 16, 1 << 16)) {
            assertThat(in.readNBytes(40)).isEqualTo(Arrays.copyOf(LOG, 40));
            assertThatThrownBy(in::read).isInstanceOf(EOFException.class).hasMessage("the tar archive is cut short in a.nmea");
        }
        byte[] damaged = tar.clone();
        damaged[1024 + 3] ^= 1; // the second header's name: its checksum no longer matches
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(damaged), 1 << 16, 1 << 16)) {
            assertThat(in.readNBytes(LOG.length)).isEqualTo(LOG);
            assertThatThrownBy(in::read).hasMessage("a tar header is damaged (its checksum does not match) after a.nmea");
        }
        // text that happens to hold "ustar" at offset 257 is no tar: its header checksum does not match
        byte[] text = new byte[600];
        Arrays.fill(text, (byte) 'x');
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, text, 257, 5);
        try (InputStream in = Inputs.maybeGunzipped(new ByteArrayInputStream(text), 1 << 16, 1 << 16)) {
            assertThat(in).isNotInstanceOf(TarInput.class);
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    /**
     * The archives GNU tar writes, in each of its formats (pax extended headers, GNU long names, a ustar name
     * split into prefix and name), plain and gzipped; skipped when no {@code tar} program is on the PATH.
     */
    @Test
    void readsWhatGnuTarWritesInEachFormat() throws IOException, InterruptedException {
        String folder = "a-folder-name-long-enough-that-with-the-file-name-the-path-is-over-one-hundred-characters/and-more";
        Path dir = Files.createDirectories(tmp.resolve("src").resolve(folder));
        Files.write(dir.resolve("feed.nmea"), LOG);
        for (String format : List.of("gnu", "pax", "ustar")) {
            Path tar = tmp.resolve(format + ".tar.gz");
            Process p;
            try {
                p = new ProcessBuilder("tar", "--format=" + format, "-czf", tar.toString(), "-C", tmp.resolve("src").toString(),
                        folder.substring(0, folder.indexOf('/'))).redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "no tar program to write the archives: " + e.getMessage());
                return;
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(p.waitFor() == 0, "tar --format=" + format + " failed: " + said);
            try (InputStream in = Inputs.maybeGunzipped(Files.newInputStream(tar), 1 << 16, 1 << 16)) {
                assertThat(in.readAllBytes()).as(format).isEqualTo(LOG);
                assertThat(Inputs.archived(in)).as(format).isEqualTo("the file " + folder + "/feed.nmea in it");
            }
            assertThat(Inputs.archiveRefusal(tar.toString())).as(format).isNull();
        }
    }
}
