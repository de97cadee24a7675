package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A replayed log is gzip when its bytes say so, whatever the file is called (as decode and analyze read). */
class FileSourceTest {
    private static final String LINE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";

    private static String read(byte[] bytes) throws IOException {
        try (InputStream in = Source.FileSource.gunzipIfCompressed(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void gzipIsKnownByItsMagicBytes() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(LINE.getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(read(gz.toByteArray())).isEqualTo(LINE);
        assertThat(read(LINE.getBytes(StandardCharsets.US_ASCII))).isEqualTo(LINE);
        assertThat(read(new byte[] {0x1f})).isEqualTo("\u001f");
        assertThat(read(new byte[0])).isEmpty();
    }
}
