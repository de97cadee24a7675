package org.watchkeeper.app;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of the one file of an archive read in the order it is stored ({@link ZipInput}, {@link TarInput}):
 * the entries the archive format passes over are left to {@link #next()}, and a second file is an error
 * ({@link #several}), as read back to back several logs would be one input out of time order.
 */
abstract class OneFileArchive extends InputStream {
    /** The name of the archive's file, once its entry is reached. */
    String file;
    private boolean inEntry;
    private boolean done;

    /** The name of the next file entry, its data then to be read by {@link #readEntry}, or null at the end of the archive. */
    abstract String next() throws IOException;

    /** Reads the current entry's data as {@link InputStream#read(byte[], int, int)} does, -1 at its end. */
    abstract int readEntry(byte[] b, int off, int len) throws IOException;

    /** The error when the archive holds a second file, {@code second} after {@link #file}. */
    abstract IOException several(String second);

    /** Called at the end of an archive that held no file: an error for a format where that means damage. */
    abstract void noFile() throws IOException;

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
                        noFile();
                    }
                    break;
                }
                if (file != null) {
                    done = true;
                    throw several(name);
                }
                file = name;
                inEntry = true;
            }
            int n;
            try {
                n = readEntry(b, off, len);
            } catch (IOException e) {
                done = true;
                throw e;
            }
            if (n > 0) {
                return n;
            }
            inEntry = false;
        }
        return -1;
    }
}
