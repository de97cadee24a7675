package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The one file of a zip archive (PKWARE APPNOTE: local file headers, read in the order they are stored,
 * without the central directory, so that standard input can be one too), buffered: a log or CSV export
 * handed out zipped (MarineCadastre's daily files) is read as its content is. Folders and the
 * {@code __MACOSX/} resource copies that macOS adds are passed over. An archive of several files ends,
 * when the second one comes, with a {@link java.util.zip.ZipException} saying to unzip it: read back to
 * back, several logs would be one input out of time order, where named as inputs of their own they are
 * merged in time order ({@link Inputs#archiveRefusal} says so of a file before it is read at all).
 * {@link #named()} names the file read.
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

    /** The file read as a message names it, before what it is: {@code the file a.json in it}; {@code it} before it. */
    String named() {
        return entries.file == null ? "it" : "the file " + entries.file + " in it";
    }

    /** Whether {@code b0..b3} are a zip's local file header signature, {@code PK\3\4}. */
    static boolean signature(int b0, int b1, int b2, int b3) {
        return b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4;
    }

    /** The bytes of the archive's one file; a second file is an error. */
    private static final class Entries extends OneFileArchive {
        private final ZipInputStream zip;

        Entries(InputStream zipped) {
            this.zip = new ZipInputStream(zipped);
        }

        @Override
        String next() throws IOException {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (!e.isDirectory() && !e.getName().startsWith("__MACOSX/")) {
                    return e.getName();
                }
            }
            return null;
        }

        @Override
        int readEntry(byte[] b, int off, int len) throws IOException {
            return zip.read(b, off, len);
        }

        @Override
        IOException several(String second) {
            return new java.util.zip.ZipException("the zip archive holds more than one file (" + file + ", then " + second + "): "
                    + Inputs.UNZIP_SEVERAL);
        }

        @Override
        void noFile() {
            // an empty zip is an empty input, which the commands then name as such
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
