package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The one regular file of a tar archive (POSIX.1-2001 ustar and pax, GNU tar; read by Apache Commons
 * Compress), buffered: a log handed out as a {@code .tar} or {@code .tar.gz} is read as its content is, as a
 * zip of one file is ({@link ZipInput}). The archive is read in the order it is stored, so that standard input
 * can be one too. Folders, links and the {@code ._} AppleDouble copies that macOS's tar adds are passed over. An archive of several files ends,
 * when the second one comes, with an {@link IOException} saying to unpack it: read back to back, several
 * logs would be one input out of time order ({@link Inputs#archiveRefusal} says so of a file before it is
 * read at all). {@link #named()} names the file read.
 *
 * <p>An archive cut short ends with an {@link EOFException}, one whose header cannot be read (its checksum
 * does not match) with an {@link IOException}, each naming what failed.
 */
final class TarInput extends BufferedInputStream {
    /** Bytes of a tar block: headers and the padding of each file's data are whole blocks. */
    static final int BLOCK = 512;

    /** What to do with a tar archive of several files, after saying so. */
    static final String UNTAR_SEVERAL = "unpack it (tar -xf) and name its files as inputs of their own (read back to"
            + " back they would be one input out of time order)";

    private final Entries entries;
    private final GzipInput gzip;

    /**
     * @param tarred the archive's bytes, from its first header ({@link #header} of it is true); a
     *     {@link GzipInput} for a {@code .tar.gz}, which {@link #gzip()} then gives
     * @param size this stream's buffer, bytes
     */
    TarInput(InputStream tarred, int size) {
        this(new Entries(tarred), size, tarred instanceof GzipInput g ? g : null);
    }

    private TarInput(Entries entries, int size, GzipInput gzip) {
        super(entries, size);
        this.entries = entries;
        this.gzip = gzip;
    }

    /** The file read as a message names it, before what it is: {@code the file a.nmea in it}; {@code it} before it. */
    String named() {
        return entries.file == null ? "it" : "the file " + entries.file + " in it";
    }

    /** The gzip stream the archive is read from ({@code .tar.gz}), whose cut or damage ends it early; null for a plain tar. */
    GzipInput gzip() {
        return gzip;
    }

    /**
     * Whether {@code block} (its first {@code len} bytes valid) is a tar header: a whole block with
     * {@code ustar} at offset 257 (POSIX {@code ustar\0}, GNU {@code ustar  }) and a checksum that matches.
     */
    static boolean header(byte[] block, int len) {
        return len >= BLOCK && TarArchiveInputStream.matches(block, len) && TarUtils.verifyCheckSum(block);
    }

    /**
     * The names of the regular files in the tar archive {@code tarred} (passed over as {@link TarInput} passes
     * them), in the order stored, up to {@code max}; the data of each is skipped.
     *
     * @throws IOException when the archive is cut short or a header is damaged
     */
    static java.util.List<String> files(InputStream tarred, int max) throws IOException {
        Entries e = new Entries(tarred);
        java.util.List<String> names = new java.util.ArrayList<>();
        String name;
        while (names.size() < max && (name = e.next()) != null) {
            names.add(name);
        }
        return names;
    }

    /** The bytes of the archive's one regular file; a second one is an error. */
    private static final class Entries extends OneFileArchive {
        private final TarArchiveInputStream tar;
        /** Bytes of the file's data not yet read. */
        private long remaining;

        Entries(InputStream tarred) {
            this.tar = new TarArchiveInputStream(tarred);
        }

        /**
         * The name of the next regular file (its data then to be read), or null at the end of the archive;
         * folders, links, devices and {@code ._} copies are passed over.
         */
        @Override
        String next() throws IOException {
            while (true) {
                TarArchiveEntry e;
                try {
                    e = tar.getNextEntry();
                } catch (EOFException x) {
                    throw new EOFException("the tar archive is cut short" + (file != null ? " after " + file : ""));
                } catch (IOException x) {
                    throw new IOException("a tar header is damaged (" + reason(x) + ")" + (file != null ? " after " + file : ""), x);
                }
                if (e == null) {
                    return null;
                }
                if (!e.isCheckSumOK()) {
                    throw new IOException("a tar header is damaged (its checksum does not match)" + (file != null ? " after " + file : ""));
                }
                String name = e.getName();
                if (e.isFile() && !name.substring(name.lastIndexOf('/') + 1).startsWith("._")) {
                    remaining = e.getRealSize();
                    return name;
                }
            }
        }

        /** The library's reason, in the terms of this class's messages. */
        private static String reason(IOException x) {
            String m = x.getMessage() == null ? "" : x.getMessage();
            return m.contains("parsing the header") || m.toLowerCase(java.util.Locale.ROOT).contains("checksum")
                    ? "its checksum does not match" : m;
        }

        @Override
        int readEntry(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n;
            try {
                n = tar.read(b, off, (int) Math.min(len, remaining));
            } catch (IOException x) {
                n = -1;
            }
            if (n < 0) {
                throw new EOFException("the tar archive is cut short in " + file);
            }
            remaining -= n;
            return n;
        }

        @Override
        IOException several(String second) {
            return new IOException("the tar archive holds more than one file (" + file + ", then " + second + "): " + UNTAR_SEVERAL);
        }

        @Override
        void noFile() throws IOException {
            throw new IOException("the tar archive has no file in it");
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }
}
