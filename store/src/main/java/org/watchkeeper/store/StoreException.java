package org.watchkeeper.store;

/**
 * A failure of the underlying database (connection lost, disk full, schema not creatable, ...).
 * The cause is the driver's {@link java.sql.SQLException} or I/O exception.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the store was doing
     * @param cause   the driver's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
