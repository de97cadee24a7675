package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Source URIs as the README and {@code serve --help} write them: a host may be left out to listen on
 * every interface ({@code tcp-listen://:5631}, {@code udp://:5000}), and the port given is the port
 * used; a bad port is refused with the URI.
 */
class SourceAddressTest {
    @Test
    void aListenerWithoutAHostTakesItsPort() {
        assertThat(Source.address("tcp-listen://:5631", ":5631")).isEqualTo(new Source.Address(null, 5631));
        assertThat(Source.address("udp://:5000", ":5000")).isEqualTo(new Source.Address(null, 5000));
        assertThat(Source.address("udp://", "")).isEqualTo(new Source.Address(null, -1));
    }

    @Test
    void hostsAndPortsAsWritten() {
        assertThat(Source.address("tcp://ais.example.org:4001", "ais.example.org:4001"))
                .isEqualTo(new Source.Address("ais.example.org", 4001));
        assertThat(Source.address("tcp-listen://127.0.0.1:0", "127.0.0.1:0")).isEqualTo(new Source.Address("127.0.0.1", 0));
        assertThat(Source.address("tcp://[::1]:4001/", "[::1]:4001/")).isEqualTo(new Source.Address("::1", 4001));
        assertThat(Source.address("udp://0.0.0.0", "0.0.0.0")).isEqualTo(new Source.Address("0.0.0.0", -1));
    }

    /**
     * A listener without a port is refused alike over TCP and UDP, naming the form it takes: UDP has no
     * default port (a udp:// source had silently taken 10110, where tcp-listen:// was refused).
     */
    @Test
    void aListenerWithoutAPortIsRefusedOverTcpAndUdpAlike() {
        assertThatThrownBy(() -> Source.parse("u=udp://localhost", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("udp://:port needs a port (udp://[address]:port, e.g. udp://:10110 on every interface): udp://localhost");
        assertThatThrownBy(() -> Source.parse("u=udp://", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("udp://:port needs a port (udp://[address]:port, e.g. udp://:10110 on every interface): udp://");
        assertThatThrownBy(() -> Source.parse("t=tcp-listen://localhost", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tcp-listen://:port needs a port (tcp-listen://[address]:port, e.g. tcp-listen://:5631 on every"
                        + " interface): tcp-listen://localhost");
    }

    @Test
    void aBadPortIsRefusedWithTheUri() {
        assertThatThrownBy(() -> Source.address("udp://:70000", ":70000"))
                .hasMessage("the port must be a number from 0 to 65535, not '70000': udp://:70000");
        assertThatThrownBy(() -> Source.address("tcp://host:x1", "host:x1"))
                .hasMessageContaining("not 'x1'");
    }

    @Test
    void parsedSourcesListenOnThePortTheyAreGiven() throws Exception {
        int tcpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            tcpPort = free.getLocalPort();
        }
        Source tcp = Source.parse("pushers=tcp-listen://:" + tcpPort, null);
        int udpPort;
        try (java.net.DatagramSocket free = new java.net.DatagramSocket(0)) {
            udpPort = free.getLocalPort();
        }
        Source udp = Source.parse("u=udp://:" + udpPort, null);
        try {
            tcp.start();
            assertThat(((Source.TcpListenSource) tcp).port()).isEqualTo(tcpPort);
            udp.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (((Source.UdpSource) udp).port() < 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(((Source.UdpSource) udp).port()).isEqualTo(udpPort);
        } finally {
            tcp.close();
            udp.close();
        }
        assertThatThrownBy(() -> Source.parse("x=nonsense", null)).hasMessageContaining("not a source URI");
    }
}
