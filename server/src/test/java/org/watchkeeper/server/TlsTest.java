package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PKCS #12 keystore made by the JDK's keytool: the API answers over TLS only, with HSTS. */
class TlsTest {
    /** Makes a PKCS #12 keystore with keytool (skips without it); a client context that trusts its certificate. */
    private static SSLContext keystore(Path ks, String password, String dname, String san) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not found at " + keytool);
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "watchkeeper", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", dname, "-ext", san,
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            trust.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /**
     * The README's certificate is for wk.example.org; reached as localhost (curl -k), the server
     * answers: the client, not the server, judges the name (Jetty's SNI host check answered 400 with a
     * stack trace in the page).
     */
    @Test
    void answersUnderANameItsCertificateDoesNotCarry(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        String password = "test-keystore-password";
        SSLContext ssl = keystore(ks, password, "CN=wk.example.org", "SAN=dns:wk.example.org");
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(dir.resolve("data")).withTls(ks, password))) {
            javax.net.ssl.HttpsURLConnection c = (javax.net.ssl.HttpsURLConnection)
                    URI.create("https://localhost:" + server.port() + "/health").toURL().openConnection();
            c.setSSLSocketFactory(ssl.getSocketFactory());
            c.setHostnameVerifier((host, session) -> true); // as curl -k
            assertThat(c.getResponseCode()).isEqualTo(200);
            c.disconnect();
        }
    }

    @Test
    void servesHttpsFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        String password = "test-keystore-password";
        SSLContext ssl = keystore(ks, password, "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(dir.resolve("data")).withTls(ks, password))) {
            String base = "https://127.0.0.1:" + server.port();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            HttpResponse<String> me = client.send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
                    .header("Authorization", "Bearer " + Fixture.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"user\":\"admin\"");
            HttpResponse<String> anon = client.send(HttpRequest.newBuilder(URI.create(base + "/api/vessels")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anon.statusCode()).isEqualTo(401);
            // The login cookie is Secure over HTTPS.
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + Fixture.ADMIN_TOKEN + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure", "HttpOnly");
            // No plain HTTP on the port.
            int plain;
            try {
                plain = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                plain = -1;
            }
            assertThat(plain).as("plain HTTP answer on the TLS port").isNotEqualTo(200);
            // A client that does not trust the certificate is refused.
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            String audit = Files.readString(dir.resolve("data").resolve("audit.log"));
            assertThat(audit).doesNotContain(password);
        }
    }
}
