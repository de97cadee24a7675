package org.watchkeeper.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads Linux's UDP socket table ({@code /proc/net/udp}, {@code /proc/net/udp6}; proc(5)): one line per
 * socket after a header, {@code sl local_address rem_address st tx_queue:rx_queue ... inode ref pointer drops},
 * the local address as hexadecimal {@code ADDRESS:PORT} and {@code drops} the datagrams the kernel
 * discarded for that socket (its receive buffer full, or a checksum or memory failure).
 */
final class ProcNetUdp {
    private ProcNetUdp() {
    }

    /**
     * The sum of {@code drops} over the sockets bound to local {@code port} in {@code table}.
     *
     * @return the sum (0 when no socket has that port), or null when the table cannot be read or its
     *     header has no {@code drops} column
     */
    static Long drops(Path table, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return drops(lines, port);
    }

    /** As {@link #drops(Path, int)}, of the table's lines. */
    static Long drops(List<String> lines, int port) {
        if (lines.isEmpty() || !lines.get(0).strip().endsWith("drops")) {
            return null;
        }
        long sum = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                if (colon > 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                    sum += Long.parseLong(f[f.length - 1]);
                }
            } catch (NumberFormatException e) {
                // a line of another shape: not a socket of this table
            }
        }
        return sum;
    }
}
