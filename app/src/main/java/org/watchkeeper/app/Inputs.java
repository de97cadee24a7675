package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Opening the commands' inputs: files or standard input ({@code -}), plain, gzip, zip or tar (a {@code .tar.gz} too). */
final class Inputs {
    private Inputs() {
    }

    /** Why input {@code f} cannot be read ("no such file", "is a directory", "permission denied"), or null. */
    static String unreadable(String f) {
        if (f.equals("-")) {
            return null;
        }
        Path p = Path.of(f);
        if (!Files.exists(p)) {
            return "no such file";
        }
        if (Files.isDirectory(p)) {
            return "is a directory";
        }
        if (!Files.isReadable(p)) {
            return "permission denied";
        }
        return null;
    }

    /** What to do with a zip archive of several files, after saying so. */
    static final String UNZIP_SEVERAL = "unzip it and name its files as inputs of their own (read back to back they would"
            + " be one input out of time order)";

    /**
     * Why file {@code f} is an archive that is not read: a zip archive (the names in its central directory,
     * folders and {@code __MACOSX/} aside) or a tar archive, plain or gzipped (the regular files its headers
     * list, as {@link TarInput} reads them), of several files ({@link #UNZIP_SEVERAL}, {@link TarInput#UNTAR_SEVERAL})
     * or of none; null for any other file, an archive of one file, standard input, or an archive that cannot
     * be read (reading it then says why). A gzipped tar is inflated to its end for this, where it holds one file.
     *
     * @return e.g. {@code is a zip archive of 7 files (eez.shp, eez.shx, eez.dbf and 4 more): unzip it and name its files as inputs ...}
     */
    static String archiveRefusal(String f) {
        if (f.equals("-")) {
            return null;
        }
        Path p = Path.of(f);
        java.util.List<String> names = new java.util.ArrayList<>();
        String kind;
        try (java.io.InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4);
            if (head.length == 4 && ZipInput.signature(head[0], head[1], head[2], head[3])) {
                kind = "zip";
            } else if (tar(f)) {
                kind = "tar";
            } else {
                return null;
            }
        } catch (java.io.IOException e) {
            return null;
        }
        if (kind.equals("zip")) {
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
                z.stream().filter(e -> !e.isDirectory() && !e.getName().startsWith("__MACOSX/")).forEach(e -> names.add(e.getName()));
            } catch (java.io.IOException e) {
                return null;
            }
        } else {
            try (InputStream in = Files.newInputStream(p); InputStream content = gunzipped(in)) {
                names.addAll(TarInput.files(content, Integer.MAX_VALUE));
            } catch (java.io.IOException e) {
                return null;
            }
        }
        if (names.isEmpty()) {
            return "is a " + kind + " archive with no file in it";
        }
        if (names.size() == 1) {
            return null;
        }
        return "is a " + kind + " archive of " + names.size() + " files (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "") + "): "
                + (kind.equals("zip") ? UNZIP_SEVERAL : TarInput.UNTAR_SEVERAL);
    }

    /** Whether file {@code f}'s content, gunzipped when it is gzip, starts with a tar header ({@link TarInput#header}). */
    private static boolean tar(String f) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(f)); InputStream content = gunzipped(in)) {
            byte[] block = content.readNBytes(TarInput.BLOCK);
            return TarInput.header(block, block.length);
        }
    }

    /** {@code in} buffered, and gunzipped when it starts with the gzip magic bytes (a gzip fault ends it, as {@link GzipInput} does). */
    private static InputStream gunzipped(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        boolean gzip = b.read() == 0x1f && b.read() == 0x8b;
        b.reset();
        return gzip ? new GzipInput(b, 1 << 16, 1 << 16) : b;
    }

    /**
     * A file named by an option (--admin-token-file, --incidents, ...) that is missing or cannot be
     * read: an I/O error (exit 1), as a missing input is, not a usage error.
     */
    static final class UnreadableFile extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String option, Path file, String why) {
            super("cannot read " + option + " " + file + ": " + why);
        }
    }

    /** Throws {@link UnreadableFile} when {@code file}, given to {@code option}, is missing, a directory or unreadable. */
    static void checkReadable(String option, Path file) throws UnreadableFile {
        String why = unreadable(file.toString());
        if (why != null) {
            throw new UnreadableFile(option, file, why);
        }
    }

    /**
     * {@code raw} buffered ({@code buffer} bytes), and gunzipped ({@link GzipInput}, buffered to
     * {@code gunzipped} bytes) when it starts with the gzip magic bytes 1f 8b, or unzipped ({@link ZipInput}:
     * its one file, buffered alike) when it starts with a zip's {@code PK\3\4}; then, plain or gunzipped,
     * untarred ({@link TarInput}: its one regular file, buffered alike) when it starts with a tar header.
     */
    static InputStream maybeGunzipped(InputStream raw, int buffer, int gunzipped) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, buffer);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        if (ZipInput.signature(b0, b1, b2, b3)) {
            return new ZipInput(in, gunzipped);
        }
        BufferedInputStream content = b0 == 0x1f && b1 == 0x8b ? new GzipInput(in, buffer, gunzipped) : in;
        content.mark(TarInput.BLOCK);
        byte[] block = new byte[TarInput.BLOCK];
        int n = 0;
        try {
            n = content.readNBytes(block, 0, block.length);
        } finally {
            content.reset();
        }
        return TarInput.header(block, n) ? new TarInput(content, gunzipped) : content;
    }

    /** The gzip stream {@code in} is read from ({@link #maybeGunzipped}: itself, or beneath a tar archive), or null. */
    static GzipInput gzip(InputStream in) {
        return in instanceof GzipInput g ? g : in instanceof TarInput t ? t.gzip() : null;
    }

    /**
     * The file of an archive {@code in} reads ({@link #maybeGunzipped}), to name it before what it is
     * ({@code the file a.nmea in it}), or null when {@code in} is no archive.
     */
    static String archived(InputStream in) {
        return in instanceof ZipInput z ? z.named() : in instanceof TarInput t ? t.named() : null;
    }

    /** {@code in}, whose close() leaves it open: standard input belongs to the process. */
    static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // left open
            }
        };
    }

    /** {@code in}, giving the number of bytes of each read and skip through it to {@code bytes}. */
    static InputStream counting(InputStream in, LongConsumer bytes) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes.accept(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long k = super.skip(n);
                if (k > 0) {
                    bytes.accept(k);
                }
                return k;
            }
        };
    }
}
