package org.watchkeeper.store;

import java.nio.file.Path;

/**
 * The DuckDB database file is open in another process: DuckDB lets one process at a time open a
 * file for writing, and holds a lock on it meanwhile (typically a running {@code watchkeeper serve}
 * or {@code analyze} on the same data folder).
 */
public final class StoreLockedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file  the database file
     * @param cause the driver's exception, which names the process holding the lock
     */
    public StoreLockedException(Path file, Throwable cause) {
        super(file + " is open in another process (a watchkeeper serve or analyze on this data folder?)", cause);
        this.file = file;
    }

    /** The database file. */
    public Path file() {
        return file;
    }
}
