package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datagrams the system drops for a UDP source's socket are counted from Linux's socket table: a socket
 * that nobody reads, sent more than its buffer holds over loopback, has every datagram either still
 * queued or counted in {@code drops}; and {@code /api/stats} shows a UDP source's count and buffer.
 */
class UdpKernelDropsTest {
    @TempDir
    Path data;

    @Test
    void theTableIsReadByPortAndItsLastColumn() {
        List<String> table = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  283: 00000000:277E 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 4242 2 0000000000000000 17",
                "  284: 0100007F:277E 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 4243 2 0000000000000000 3",
                "  285: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 99");
        assertThat(ProcNetUdp.drops(table, 10110)).isEqualTo(20L); // 0x277E
        assertThat(ProcNetUdp.drops(table, 5353)).isEqualTo(99L);
        assertThat(ProcNetUdp.drops(table, 5000)).isEqualTo(0L);
        assertThat(ProcNetUdp.drops(List.of("sl local_address rem_address st"), 10110)).isNull();
        assertThat(ProcNetUdp.drops(List.of(), 10110)).isNull();
        assertThat(ProcNetUdp.drops(Path.of("/nonexistent/udp"), 10110)).isNull();
    }

    @Test
    void everyDatagramSentIsReadOrCountedAsDropped() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "needs Linux's /proc/net/udp");
        try (DatagramSocket quiet = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            quiet.setReceiveBufferSize(8192);
            int port = quiet.getLocalPort();
            byte[] line = ("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23\r\n").repeat(20).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int sent = 500;
            for (int i = 0; i < sent; i++) {
                sender.send(new DatagramPacket(line, line.length, InetAddress.getLoopbackAddress(), port));
            }
            long drops = sum(port);
            assertThat(drops).as("an 8 KiB buffer cannot hold %d datagrams of %d bytes", sent, line.length).isGreaterThan(0);
            quiet.setSoTimeout(300);
            int read = 0;
            byte[] buf = new byte[65_536];
            try {
                while (true) {
                    quiet.receive(new DatagramPacket(buf, buf.length));
                    read++;
                }
            } catch (SocketTimeoutException e) {
                // drained
            }
            assertThat(read + drops).isEqualTo(sent);
        }
    }

    @Test
    void statsShowAUdpSourcesDropsAndBuffer() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "needs Linux's /proc/net/udp");
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("radio=udp://127.0.0.1:0")))) {
            JsonNode src = Fixture.get(server, "/api/stats").json().get("sources").get(0);
            assertThat(src.get("name").asText()).isEqualTo("radio");
            assertThat(src.get("kernel_drops").asLong()).isZero();
            assertThat(src.get("receive_buffer_bytes").asInt()).isGreaterThan(0);
            assertThat(Fixture.get(server, "/metrics").body()).contains("watchkeeper_udp_kernel_drops_total{source=\"radio\"} 0.0");
        }
    }

    private static long sum(int port) {
        long d = 0;
        for (String t : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            Long x = ProcNetUdp.drops(Path.of(t), port);
            d += x == null ? 0 : x;
        }
        return d;
    }
}
