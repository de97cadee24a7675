package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connections of one listening TCP source are one stream: a connection that closes while another
 * is half-way through a multi-sentence message does not end it, so that message completes. Its end
 * comes when the last connection closes.
 */
class TcpListenConnectionsTest {
    /** A type 5 in two sentences (MMSI 211000001 is not it: the payload's own is decoded). */
    private static final String PART1 = "!AIVDM,2,1,0,A,539p4OT00000@7W3K@08ThiLE8@E:0000000001S0h9135Pl?0R0C@UDQp00,0*68\n";
    private static final String PART2 = "!AIVDM,2,2,0,A,00000000000,2*24\n";
    /** A type 1 of another vessel, sent over a second connection between the two parts. */
    private static final String OTHER = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";

    @Test
    void aClosingConnectionDoesNotEndAnotherConnectionsMessage(@TempDir Path data) throws Exception {
        WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        try (Socket a = new Socket("127.0.0.1", Fixture.tcpPort(server)); OutputStream outA = a.getOutputStream()) {
            Fixture.sendAndWait(server, outA, PART1.getBytes(StandardCharsets.ISO_8859_1));
            // a second connection sends one report and closes while the first is still open
            Fixture.sendAndWait(server, OTHER.getBytes(StandardCharsets.ISO_8859_1));
            Fixture.sendAndWait(server, outA, PART2.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(server.pipeline().rejected()).isEmpty();
            assertThat(server.pipeline().messages()).isEqualTo(2);
        }
        // the last connection closed: the stream ended, a fragment sent after it waits for nothing
        try (Socket b = new Socket("127.0.0.1", Fixture.tcpPort(server)); OutputStream outB = b.getOutputStream()) {
            Fixture.sendAndWait(server, outB, PART1.getBytes(StandardCharsets.ISO_8859_1));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!server.pipeline().rejected().containsKey("incomplete_message") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        try {
            assertThat(server.pipeline().rejected()).containsEntry("incomplete_message", 1L);
            assertThat(server.pipeline().messages()).isEqualTo(2);
        } finally {
            server.close();
        }
    }
}
