package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.watchkeeper.store.PostgresHistoryStore.ConnectFailure;
import org.watchkeeper.store.PostgresHistoryStore.ConnectFailure.Reason;

/**
 * The reasons a connection to PostgreSQL fails, told from what the JDBC driver throws: its SQLSTATE
 * (PostgreSQL's appendix A, "Error codes") or the network or SSL exception at the root of it.
 */
class ConnectFailureTest {
    private static final String URL = "jdbc:postgresql://db.example.org:6543/ais";

    @Test
    void aConnectionPgHbaLetsNotInIsNotAllowedWithTheServersWords() {
        SQLException e = new SQLException("FATAL: no pg_hba.conf entry for host \"10.0.0.5\", user \"wk\", database \"ais\","
                + " no encryption", "28000");
        ConnectFailure f = ConnectFailure.of(URL, "wk", e);
        assertThat(f.reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(f.getMessage()).isEqualTo("cannot connect to PostgreSQL at db.example.org:6543 (database ais, user wk): the"
                + " server lets no such connection in (no pg_hba.conf entry for host \"10.0.0.5\", user \"wk\", database \"ais\","
                + " no encryption)");
    }

    @Test
    void aServerWithoutSslAskedForItIsAnSslFailure() {
        // what the driver throws for sslmode=require against a server with ssl = off
        ConnectFailure f = ConnectFailure.of(URL, "wk", new SQLException("The server does not support SSL.", "08004"));
        assertThat(f.reason()).isEqualTo(Reason.SSL);
        assertThat(f.getMessage()).endsWith("(database ais, user wk): the server takes no SSL connections, and the URL asks for SSL");
    }

    @Test
    void anUntrustedCertificateIsAnSslFailureNamingIt() {
        SQLException e = new SQLException("SSL error: PKIX path building failed", "08006",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));
        ConnectFailure f = ConnectFailure.of(URL, "wk", e);
        assertThat(f.reason()).isEqualTo(Reason.SSL);
        assertThat(f.getMessage()).endsWith("SSL failed: PKIX path building failed: unable to find valid certification path");
    }

    @Test
    void otherStatesKeepTheServersMessageOnOneLine() {
        ConnectFailure f = ConnectFailure.of(URL, "wk", new SQLException("FATAL: sorry, too many clients already\n  DETAIL: x", "53300"));
        assertThat(f.reason()).isEqualTo(Reason.OTHER);
        assertThat(f.getMessage()).endsWith("user wk): sorry, too many clients already; DETAIL: x");
    }
}
