package org.watchkeeper.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data folder written by one process at a time: an operating-system lock ({@link FileChannel#tryLock})
 * on the file {@value #FILE_NAME} in the folder, taken by every command that writes the folder
 * ({@code serve}, {@code demo}, {@code analyze} to a DuckDB store, {@code incidents import}) before it
 * changes anything there, and held until it ends. The operating system releases the lock when the
 * process ends, however it ends (a crash, {@code kill -9}), so a lock is never left behind; the file
 * stays, holding the process id and command of its last holder, which names the holder when the lock
 * is refused. The file is not removed on release: removing it could let two processes lock two
 * different files of that name. Reading commands ({@code query}, {@code incidents list}) do not take it.
 */
public final class DataFolderLock implements AutoCloseable {
    /** The lock file's name in a data folder. */
    public static final String FILE_NAME = "watchkeeper.lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} for this process, creating the folder and its lock file when missing (nothing
     * else in the folder is touched), and writes this process's id and {@code holder} into the file.
     *
     * @param holder what holds the folder, for the message another process gets (e.g. {@code watchkeeper serve})
     * @throws InUseException when another process, or another user in this process, holds the folder
     * @throws StoreException when the folder or its lock file cannot be created or locked
     */
    public static DataFolderLock acquire(Path folder, String holder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM (another server in this process)
            }
            if (lock == null) {
                ch.close();
                throw new InUseException(dir, holderOf(file));
            }
            byte[] text = (ProcessHandle.current().pid() + " " + holder + "\n").getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(text), 0);
            return new DataFolderLock(dir, ch, lock);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StoreException("cannot lock the data folder " + dir + " (" + file + ")", e);
        }
    }

    /**
     * The holder as its lock file names it: {@code "pid N (watchkeeper serve)"}, or {@code "this process
     * (pid N, watchkeeper serve)"}; null when the file cannot be read (being written, or unreadable
     * where locks are mandatory).
     */
    private static String holderOf(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            int sp = s.indexOf(' ');
            String pid = sp < 0 ? s : s.substring(0, sp);
            if (!pid.matches("[0-9]{1,18}")) {
                return null;
            }
            String what = sp < 0 ? "" : s.substring(sp + 1).strip();
            if (Long.parseLong(pid) == ProcessHandle.current().pid()) {
                return "this process (pid " + pid + (what.isEmpty() ? "" : ", " + what) + ")";
            }
            return "pid " + pid + (what.isEmpty() ? "" : " (" + what + ")");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The locked folder (absolute). */
    public Path folder() {
        return folder;
    }

    /** Releases the lock (the file stays; see the class comment). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }

    /** The data folder is held by another process (or another server in this one). */
    public static final class InUseException extends StoreException {
        private static final long serialVersionUID = 1L;

        private final transient Path folder;
        private final String holder;

        /**
         * @param folder the folder
         * @param holder the holder as its lock file names it ({@code "pid N (watchkeeper serve)"}), or null when unknown
         */
        public InUseException(Path folder, String holder) {
            super("the data folder " + folder + " is in use by " + (holder == null ? "another process" : holder)
                    + "; one process at a time may write a data folder", null);
            this.folder = folder;
            this.holder = holder;
        }

        /** The folder. */
        public Path folder() {
            return folder;
        }

        /** The holder ({@code "pid N (watchkeeper serve)"}), or null when unknown. */
        public String holder() {
            return holder;
        }
    }
}
