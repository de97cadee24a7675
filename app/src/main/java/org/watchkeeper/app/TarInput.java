package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one regular file of a tar archive (POSIX.1-2001 ustar and pax, GNU tar), buffered: a log handed out
 * as a {@code .tar} or {@code .tar.gz} is read as its content is, as a zip of one file is ({@link ZipInput}).
 * The archive is read in the order it is stored, so that standard input can be one too. Folders, links,
 * pax extended headers (whose {@code path} and {@code size} records are honoured), GNU long names, and the
 * {@code ._} AppleDouble copies that macOS's tar adds are passed over. An archive of several files ends,
 * when the second one comes, with an {@link IOException} saying to unpack it: read back to back, several
 * logs would be one input out of time order ({@link Inputs#archiveRefusal} says so of a file before it is
 * read at all). {@link #named()} names the file read.
 *
 * <p>An archive cut short ends with an {@link EOFException}, one whose header fails its checksum with an
 * {@link IOException}, each naming what failed; a GNU sparse file likewise (its holes are not stored).
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
        if (len < BLOCK) {
            return false;
        }
        byte[] magic = "ustar".getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < magic.length; k++) {
            if (block[257 + k] != magic[k]) {
                return false;
            }
        }
        return checksumMatches(block);
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
            e.skipData();
        }
        return names;
    }

    private static boolean checksumMatches(byte[] h) {
        long stored;
        try {
            stored = octal(h, 148, 8);
        } catch (IOException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0; // some old tars summed signed bytes
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    /** An octal number field (NUL or space ended, leading spaces allowed), or GNU's base-256 (first byte's high bit set). */
    private static long octal(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new IOException("a tar header number is too large");
                }
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        while (i < off + len && h[i] == ' ') {
            i++;
        }
        boolean digits = false;
        for (; i < off + len && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new IOException("a tar header number is not octal");
            }
            v = v * 8 + (h[i] - '0');
            digits = true;
        }
        if (!digits) {
            throw new IOException("a tar header number is empty");
        }
        return v;
    }

    /** A NUL-ended text field of a header. */
    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** The bytes of the archive's one regular file; a second one is an error. */
    private static final class Entries extends InputStream {
        private final InputStream tar;
        /** The name of the archive's file, once its header is read. */
        String file;
        /** Bytes of the current entry's data not yet read, and of its padding after them. */
        private long remaining;
        private long padding;
        private boolean inEntry;
        private boolean done;

        Entries(InputStream tarred) {
            this.tar = tarred;
        }

        /** Reads a whole block, or throws saying the archive is cut short; false at a clean end before it. */
        private boolean block(byte[] b, boolean endAllowed) throws IOException {
            int n = tar.readNBytes(b, 0, BLOCK);
            if (n == 0 && endAllowed) {
                return false;
            }
            if (n < BLOCK) {
                throw new EOFException("the tar archive is cut short" + (file != null ? " after " + file : ""));
            }
            return true;
        }

        /** Skips {@code n} bytes of the archive, or throws saying it is cut short. */
        private void skipBytes(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long k = tar.skip(left);
                if (k <= 0) {
                    if (tar.read() < 0) {
                        throw new EOFException("the tar archive is cut short" + (file != null ? " after " + file : ""));
                    }
                    k = 1;
                }
                left -= k;
            }
        }

        /** Skips what is left of the current entry's data and its padding. */
        void skipData() throws IOException {
            skipBytes(remaining + padding);
            remaining = 0;
            padding = 0;
        }

        /** A pax extended header's data ({@code "len key=value\n"} records) read whole. */
        private String longData(long size, String what) throws IOException {
            if (size > 1 << 20) {
                throw new IOException("the tar archive's " + what + " is " + size + " bytes long: damaged?");
            }
            byte[] data = tar.readNBytes((int) size);
            if (data.length < size) {
                throw new EOFException("the tar archive is cut short in a " + what);
            }
            skipBytes(pad(size));
            return new String(data, StandardCharsets.UTF_8);
        }

        private static long pad(long size) {
            return (BLOCK - size % BLOCK) % BLOCK;
        }

        /**
         * The name of the next regular file, its data then to be read (remaining, padding set), or null at the
         * end of the archive (a zero block, or the end of the bytes right after a whole entry).
         */
        String next() throws IOException {
            byte[] h = new byte[BLOCK];
            String longName = null;
            Long paxSize = null;
            while (true) {
                if (!block(h, true)) {
                    return null;
                }
                boolean zero = true;
                for (byte b : h) {
                    if (b != 0) {
                        zero = false;
                        break;
                    }
                }
                if (zero) {
                    return null; // the end-of-archive marker; what follows is padding of the last record
                }
                if (!checksumMatches(h)) {
                    throw new IOException("a tar header is damaged (its checksum does not match)"
                            + (file != null ? " after " + file : ""));
                }
                char type = (char) (h[156] & 0xff);
                long own = octal(h, 124, 12);
                boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K';
                long size = !meta && paxSize != null ? paxSize : own;
                switch (type) {
                    case 'x' -> { // pax header of the next entry
                        for (String record : longData(size, "pax extended header").split("\n")) {
                            int sp = record.indexOf(' ');
                            int eq = record.indexOf('=');
                            if (sp < 0 || eq < sp) {
                                continue;
                            }
                            String key = record.substring(sp + 1, eq);
                            String value = record.substring(eq + 1);
                            if (key.equals("path")) {
                                longName = value;
                            } else if (key.equals("size")) {
                                try {
                                    paxSize = Long.parseLong(value.strip());
                                } catch (NumberFormatException e) {
                                    throw new IOException("a tar pax header's size is not a number: " + value);
                                }
                            }
                        }
                        continue;
                    }
                    case 'L' -> { // GNU long name of the next entry
                        longName = longData(size, "GNU long name").replaceAll("\u0000+$", "");
                        continue;
                    }
                    default -> {
                        // the entry itself, below
                    }
                }
                String name = longName;
                if (name == null) {
                    String prefix = h[345] != 0 && h[257 + 5] == 0 ? text(h, 345, 155) : "";
                    name = (prefix.isEmpty() ? "" : prefix + "/") + text(h, 0, 100);
                }
                longName = null;
                paxSize = null;
                boolean regular = type == '0' || type == '\0' || type == '7';
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (type == 'S') {
                    throw new IOException("the file " + name + " in the tar archive is stored sparse: unpack it (tar -xf)"
                            + " and name the log as an input");
                }
                // links, folders, devices and other entries carry no file of their own (GNU 'D' lists a folder)
                boolean hasData = regular || type == 'D' || type == 'g' || type == 'K' || type == 'N';
                remaining = hasData ? size : 0;
                padding = pad(remaining);
                if (regular && !base.startsWith("._")) {
                    return name;
                }
                skipData();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!done) {
                if (!inEntry) {
                    String name = next();
                    if (name == null) {
                        done = true;
                        if (file == null) {
                            throw new IOException("the tar archive has no file in it");
                        }
                        break;
                    }
                    if (file != null) {
                        done = true;
                        throw new IOException("the tar archive holds more than one file (" + file + ", then " + name + "): "
                                + UNTAR_SEVERAL);
                    }
                    file = name;
                    inEntry = true;
                }
                if (remaining > 0) {
                    int n = tar.read(b, off, (int) Math.min(len, remaining));
                    if (n < 0) {
                        done = true;
                        throw new EOFException("the tar archive is cut short in " + file);
                    }
                    remaining -= n;
                    return n;
                }
                skipData(); // the padding
                inEntry = false;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }
}
