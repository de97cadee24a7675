package org.watchkeeper.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies an input file's content for the history store's record of analyzed inputs:
 * {@code sha256:} and the SHA-256 (FIPS 180-4) of the file's size and its first and last MiB. Reading
 * two MiB keeps it cheap for a log of gigabytes; two logs that agree in size and in both ends are taken
 * for the same.
 */
final class InputFingerprint {
    /** Bytes read at each end. */
    static final int END = 1 << 20;

    private InputFingerprint() {
    }

    /** The fingerprint of the file at {@code path}. */
    static String of(Path path) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
            digest(ch, sha, 0, Math.min(size, END));
            if (size > END) {
                long from = Math.max(END, size - END);
                digest(ch, sha, from, size - from);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void digest(FileChannel ch, MessageDigest sha, long from, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            if (ch.read(b, from + b.position()) < 0) {
                break; // the file shrank while read: digest what there is
            }
        }
        sha.update(b.flip());
    }
}
