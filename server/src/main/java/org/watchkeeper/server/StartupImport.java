package org.watchkeeper.server;

/**
 * The incident files a server imports right after its start ({@code serve --incidents}), while its routes
 * already answer. Until the import ends, a report not found may simply not be loaded yet: the incident
 * routes then answer 503 with {@code Retry-After} instead of 404, and the list says that it holds only what
 * is loaded so far ({@link IncidentApi}). The importer calls {@link #loading} before each file and
 * {@link #done} when it ends, whether it succeeded or failed; a server without a start-up import is never
 * loading.
 */
public final class StartupImport {
    /** The wait, seconds, a 503 asks of the client ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * A start-up import under way.
     *
     * @param file   name of the file being read (its file name only: a caller does not learn the server's folders)
     * @param number which file it is, 1-based
     * @param files  how many files the import reads
     */
    public record Progress(String file, int number, int files) {
        public Progress {
            if (file == null || file.isEmpty()) {
                throw new IllegalArgumentException("file is required");
            }
            if (files < 1 || number < 1 || number > files) {
                throw new IllegalArgumentException("file number must be in 1.." + files + ": " + number);
            }
        }

        /** E.g. {@code incidents are still loading from ASAM.csv.gz (1 of 2 files)}. */
        public String message() {
            return "incidents are still loading from " + file + " (" + number + " of " + files + (files == 1 ? " file)" : " files)");
        }
    }

    private volatile Progress progress;

    /**
     * Marks file {@code number} of {@code files} as being read.
     *
     * @param file the file (only its name is shown)
     * @throws IllegalArgumentException when {@code number} is not in 1..{@code files}
     */
    public void loading(java.nio.file.Path file, int number, int files) {
        java.nio.file.Path name = file.getFileName();
        progress = new Progress(name == null ? file.toString() : name.toString(), number, files);
    }

    /** Marks the import as ended (success or failure): the routes answer as without one. */
    public void done() {
        progress = null;
    }

    /** The import under way, or null when none is. */
    public Progress progress() {
        return progress;
    }
}
