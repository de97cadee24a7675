package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The URL PostgreSQL is reached at: JDBC URLs the driver takes pass, others are named with what is wrong, a
 * libpq connection string is converted to the JDBC URL it means, and a connection that fails says where, as
 * whom and why. None of these needs a PostgreSQL server.
 */
class PostgresUrlTest {

    @Test
    void jdbcUrlsTheDriverTakesPass() {
        for (String ok : new String[] {"jdbc:postgresql://localhost:5432/watchkeeper", "jdbc:postgresql://db/wk",
            "jdbc:postgresql:watchkeeper", "jdbc:postgresql://[::1]:5433/wk?sslmode=require", "jdbc:postgresql://h1:5432,h2:5433/wk",
            "jdbc:postgresql://localhost/"}) {
            assertThat(PostgresUrl.problem(ok)).as(ok).isNull();
        }
    }

    @Test
    void otherUrlsAreNamedWithWhatIsWrong() {
        assertThat(PostgresUrl.problem("postgres://watchkeeper@localhost/watchkeeper")).isEqualTo("is not a JDBC URL");
        assertThat(PostgresUrl.problem("")).isEqualTo("is empty");
        assertThat(PostgresUrl.problem("jdbc:postgresql://localhost")).isEqualTo("has no / after the host and port");
        assertThat(PostgresUrl.problem("jdbc:postgresql://localhost?ssl=true")).isEqualTo("has no / after the host and port");
        assertThat(PostgresUrl.problem("jdbc:postgresql://localhost:abc/wk"))
                .isEqualTo("has a port that is not a number from 1 to 65535: abc");
        assertThat(PostgresUrl.problem("jdbc:postgresql://localhost:70000/wk"))
                .isEqualTo("has a port that is not a number from 1 to 65535: 70000");
        assertThat(PostgresUrl.problem("jdbc:postgresql://:5432/wk")).isEqualTo("has no host");
        assertThat(PostgresUrl.problem("jdbc:postgresql:/")).isEqualTo("is not a JDBC URL the PostgreSQL driver takes");
    }

    @Test
    void libpqStringsAreConvertedToTheJdbcUrlTheyMean() {
        assertThat(PostgresUrl.convert("postgres://watchkeeper@localhost/watchkeeper", "x").orElseThrow())
                .isEqualTo(new PostgresUrl.Converted("jdbc:postgresql://localhost:5432/watchkeeper", "watchkeeper", null));
        assertThat(PostgresUrl.convert("postgresql://bob:s%40cret@db.example.org:6543/ais?sslmode=require&connect_timeout=5"
                + "&application_name=wk", "x").orElseThrow())
                .isEqualTo(new PostgresUrl.Converted("jdbc:postgresql://db.example.org:6543/ais?sslmode=require&connectTimeout=5"
                        + "&ApplicationName=wk", "bob", "s@cret"));
        // no database: the user's name, as libpq; no host: localhost
        assertThat(PostgresUrl.convert("postgresql://", "alice").orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/alice");
        assertThat(PostgresUrl.convert("postgres://carol@db", "alice").orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/carol");
        // several hosts, an IPv6 address
        assertThat(PostgresUrl.convert("postgresql://h1:5433,h2/wk", "u").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://h1:5433,h2:5432/wk");
        assertThat(PostgresUrl.convert("postgresql://[::1]:6000/wk", "u").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:6000/wk");
        // keyword/value, quoted values
        assertThat(PostgresUrl.convert("host=db port=5433 dbname='my db' user=bob password=pw sslmode=require", "u").orElseThrow())
                .isEqualTo(new PostgresUrl.Converted("jdbc:postgresql://db:5433/my%20db?sslmode=require", "bob", "pw"));
        // the JDBC scheme without "ql", a bare host:port/database
        assertThat(PostgresUrl.convert("jdbc:postgres://localhost/wk", "u").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/wk");
        assertThat(PostgresUrl.convert("db.example.org:6543/ais", "u").orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.org:6543/ais");
        // what a JDBC URL cannot say, or what is no connection string at all
        assertThat(PostgresUrl.convert("postgresql://%2Fvar%2Frun%2Fpostgresql/wk", "u")).isEmpty();
        assertThat(PostgresUrl.convert("mysql:/nothing", "u")).isEmpty();
        assertThat(PostgresUrl.convert("postgresql://db:port/wk", "u")).isEmpty();
        // the password is never part of the text form
        assertThat(new PostgresUrl.Converted("jdbc:postgresql://db/wk?password=pw", "bob", "pw").toString())
                .isEqualTo("Converted[jdbcUrl=jdbc:postgresql://db/wk?password=***, user=bob, password=***]");
    }

    @Test
    void checkSaysTheFormAndTheJdbcUrlALibpqOneMeans() {
        assertThatThrownBy(() -> PostgresUrl.check("postgres://bob:secret@db/ais", "watchkeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the PostgreSQL URL must be a JDBC URL jdbc:postgresql://host:port/database, not"
                        + " postgres://bob:***@db/ais; as a JDBC URL that is jdbc:postgresql://db:5432/ais with user bob");
        assertThatThrownBy(() -> PostgresUrl.check("jdbc:postgresql://localhost:x/wk?password=secret", "watchkeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the PostgreSQL JDBC URL jdbc:postgresql://localhost:x/wk?password=*** has a port that is not a number"
                        + " from 1 to 65535: x (the form is jdbc:postgresql://host:port/database)");
        assertThatThrownBy(() -> PostgresHistoryStore.open("postgresql://localhost/wk", "wk", "pw", "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the PostgreSQL URL must be a JDBC URL");
    }

    @Test
    void redactedUrlsHideEveryPasswordForm() {
        assertThat(PostgresHistoryStore.redactedUrl("jdbc:postgresql://db/wk?user=u&password=p&sslpassword=q"))
                .isEqualTo("jdbc:postgresql://db/wk?user=u&password=***&sslpassword=***");
        assertThat(PostgresHistoryStore.redactedUrl("postgresql://bob:secret@db:5432/wk")).isEqualTo("postgresql://bob:***@db:5432/wk");
        assertThat(PostgresHistoryStore.redactedUrl("host=db password='a b' user=bob")).isEqualTo("host=db password=*** user=bob");
    }

    @Test
    void theEndpointOfAJdbcUrl() {
        assertThat(PostgresUrl.endpoint("jdbc:postgresql://db/wk")).isEqualTo(new PostgresUrl.Endpoint("db", 5432, "db:5432", "wk"));
        assertThat(PostgresUrl.endpoint("jdbc:postgresql://h1:5433,h2/wk?ssl=true"))
                .isEqualTo(new PostgresUrl.Endpoint("h1", 5433, "h1:5433,h2:5432", "wk"));
        assertThat(PostgresUrl.endpoint("jdbc:postgresql://localhost/")).isEqualTo(new PostgresUrl.Endpoint("localhost", 5432,
                "localhost:5432", null));
    }

    /** Where, as whom and why, on one line: a host that does not resolve, a port nothing listens on. */
    @Test
    void aConnectionThatFailsSaysWhereAsWhomAndWhy() {
        assertThatThrownBy(() -> PostgresHistoryStore.open("jdbc:postgresql://nosuchhost.invalid/wk", "bob", "pw", "s"))
                .isInstanceOfSatisfying(PostgresHistoryStore.ConnectFailure.class, e -> {
                    assertThat(e.reason()).isEqualTo(PostgresHistoryStore.ConnectFailure.Reason.UNKNOWN_HOST);
                    assertThat(e.endpoint().port()).isEqualTo(5432);
                    assertThat(e.user()).isEqualTo("bob");
                })
                .hasMessage("cannot connect to PostgreSQL at nosuchhost.invalid:5432 (database wk, user bob): unknown host"
                        + " nosuchhost.invalid");
        assertThatThrownBy(() -> PostgresHistoryStore.openExisting("jdbc:postgresql://127.0.0.1:1/", "bob", "pw", "s"))
                .isInstanceOfSatisfying(PostgresHistoryStore.ConnectFailure.class,
                        e -> assertThat(e.reason()).isEqualTo(PostgresHistoryStore.ConnectFailure.Reason.REFUSED))
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:1 (database bob, user bob): connection refused (nothing"
                        + " listens on that port)");
    }
}
