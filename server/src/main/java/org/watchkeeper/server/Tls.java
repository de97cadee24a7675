package org.watchkeeper.server;

import io.javalin.config.JavalinConfig;
import java.nio.file.Files;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the server with Jetty's own TLS support (the Jetty that Javalin runs on): one connector
 * on the configured port with the key and certificate chain of a PKCS #12 keystore, TLS 1.2 and 1.3
 * only, and no plain-HTTP connector. The keystore password is handed to Jetty and never logged.
 */
final class Tls {
    private Tls() {
    }

    static void install(JavalinConfig cfg, WatchkeeperServer.Config config) {
        if (!Files.isReadable(config.tlsKeystore())) {
            throw new IllegalArgumentException("TLS keystore not readable: " + config.tlsKeystore());
        }
        if (config.tlsPassword() == null) {
            throw new IllegalArgumentException("a TLS keystore needs its password (--tls-password-file)");
        }
        cfg.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(config.tlsKeystore().toAbsolutePath().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(config.tlsPassword());
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.setSecureScheme("https");
            https.setSendServerVersion(false);
            // no SNI host check: one certificate serves every name the server is reached by (curl -k
            // https://localhost:PORT with a certificate for wk.example.org); the client checks the name
            https.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            c.setPort(config.port());
            return c;
        });
    }
}
