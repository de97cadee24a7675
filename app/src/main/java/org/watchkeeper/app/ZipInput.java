package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of a zip archive (PKWARE APPNOTE: local file headers, read in the order they are stored,
 * without the central directory, so that standard input can be one too), one after the other as one
 * stream, buffered: a log or CSV export handed out zipped (MarineCadastre's daily files, a station's
 * logs of a day) is read as its content is. Folders and the {@code __MACOSX/} resource copies that
 * macOS adds are passed over; a file that does not end with a line end is given one, so that its last
 * line and the next file's first stay apart. {@link #files()} names the files read so far.
 *
 * <p>An archive cut short or damaged ends with the {@link java.util.zip.ZipException} or
 * {@link java.io.EOFException} of the JDK's reader, naming what failed; an encrypted entry, or one
 * stored with a data descriptor (which the streaming reader cannot delimit), likewise.
 */
final class ZipInput extends BufferedInputStream {
    private final Entries entries;

    /**
     * @param zipped the archive's bytes, from its first local file header
     * @param size this stream's buffer, bytes
     */
    ZipInput(InputStream zipped, int size) {
        this(new Entries(zipped), size);
    }

    private ZipInput(Entries entries, int size) {
        super(entries, size);
        this.entries = entries;
    }

    /** The names of the archive's files read so far, in order. */
    List<String> files() {
        return List.copyOf(entries.names);
    }

    /**
     * The files read so far as a message names them, before what they are: {@code its file a.dbf},
     * {@code its files a.txt, b.txt}, at most three named ({@code and N more}); {@code it} before the first.
     */
    String named() {
        List<String> f = files();
        if (f.isEmpty()) {
            return "it";
        }
        String list = String.join(", ", f.subList(0, Math.min(3, f.size()))) + (f.size() > 3 ? " and " + (f.size() - 3) + " more" : "");
        return (f.size() == 1 ? "its file " : "its files ") + list;
    }

    /** Whether {@code b0..b3} are a zip's local file header signature, {@code PK\3\4}. */
    static boolean signature(int b0, int b1, int b2, int b3) {
        return b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4;
    }

    /** The entries' bytes in turn, a line feed between two when the first does not end with one. */
    private static final class Entries extends InputStream {
        private final ZipInputStream zip;
        final List<String> names = new ArrayList<>();
        private boolean inEntry;
        private boolean done;
        private int last = '\n';
        private boolean pendingLineEnd;

        Entries(InputStream zipped) {
            this.zip = new ZipInputStream(zipped);
        }

        /** Moves to the next file entry; false at the end of the archive. */
        private boolean next() throws IOException {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("__MACOSX/")) {
                    continue;
                }
                names.add(name);
                return true;
            }
            return false;
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
                if (pendingLineEnd) {
                    pendingLineEnd = false;
                    last = '\n';
                    b[off] = '\n';
                    return 1;
                }
                if (!inEntry) {
                    if (!next()) {
                        done = true;
                        break;
                    }
                    inEntry = true;
                }
                int n = zip.read(b, off, len);
                if (n > 0) {
                    last = b[off + n - 1];
                    return n;
                }
                inEntry = false;
                if (last != '\n' && last != '\r') {
                    pendingLineEnd = true;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
