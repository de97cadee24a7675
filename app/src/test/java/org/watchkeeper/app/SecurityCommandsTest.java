package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.AuditLog;
import org.watchkeeper.server.WatchkeeperServer;

/** {@code audit verify} and {@code verify-export} on a real server's audit log and export. */
class SecurityCommandsTest {
    static final String TOKEN = "wk_app-test-admin-token-0123456789";

    @Test
    void auditVerifyAcceptsAnIntactLogAndNamesTheFirstBadEntry(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        HttpClient http = HttpClient.newHttpClient();
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withAdminToken(TOKEN))) {
            for (String path : List.of("/api/vessels", "/api/events", "/api/zones", "/api/export/vessels.csv", "/api/me")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/vessels"))
                    .header("Authorization", "Bearer wk_wrong").build(), HttpResponse.BodyHandlers.ofString());
        }
        Path log = data.resolve("audit.log");
        // (The site itself loads without a login and shows its login form; the API does not.)
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(dir.resolve("site")).withPort(0).withAdminToken(TOKEN))) {
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("id=\"login-form\"");
            assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/vessels")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        Cli.Run ok = Cli.run("audit", "verify", log.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        int n = Files.readAllLines(log).size();
        assertThat(n).isGreaterThanOrEqualTo(7);
        assertThat(ok.out()).startsWith(n + " entries verified");
        assertThat(ok.err()).isEmpty(); // the head file beside the log checked its end

        byte[] orig = Files.readAllBytes(log);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));

        // One byte edited in entry 3 (a digit of its time).
        byte[] edited = orig.clone();
        int third = new String(orig, StandardCharsets.UTF_8).indexOf("{\"seq\":3,");
        int at = new String(orig, StandardCharsets.UTF_8).indexOf("\"time\":\"", third) + 10;
        edited[at] = (byte) (edited[at] == '1' ? '2' : '1');
        Files.write(log, edited);
        Cli.Run e = Cli.run("audit", "verify", log.toString());
        assertThat(e.exit()).isEqualTo(1);
        assertThat(e.err()).contains("line 3 (seq 3)", "hash does not match");

        // Entry 4 deleted.
        List<String> del = new ArrayList<>(lines);
        del.remove(3);
        write(log, del);
        Cli.Run d = Cli.run("audit", "verify", log.toString());
        assertThat(d.exit()).isEqualTo(1);
        assertThat(d.err()).contains("line 4 (seq 5)", "expected 4");

        // Entries 2 and 5 swapped.
        List<String> sw = new ArrayList<>(lines);
        sw.set(1, lines.get(4));
        sw.set(4, lines.get(1));
        write(log, sw);
        Cli.Run r = Cli.run("audit", "verify", log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 2 (seq 5)");

        // The last two entries cut off: the head file tells.
        write(log, lines.subList(0, lines.size() - 2));
        Cli.Run t = Cli.run("audit", "verify", log.toString());
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).contains("removed from the end");

        // Cut inside the last entry.
        Files.write(log, java.util.Arrays.copyOf(orig, orig.length - 20));
        Cli.Run p = Cli.run("audit", "verify", log.toString());
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.err()).contains("line " + n, "partial entry");

        Files.write(log, orig);
        assertThat(Cli.run("audit", "verify", log.toString()).exit()).isZero();
        assertThat(Cli.run("audit", "verify", "--head", AuditLog.GENESIS, log.toString()).exit()).isEqualTo(1);
        assertThat(Cli.run("audit", "verify", dir.resolve("missing.log").toString()).exit()).isEqualTo(2);

        // A copy without its head file: the entries verify, and the answer says the end was not checked.
        Path copy = dir.resolve("copy.log");
        Files.write(copy, orig);
        Cli.Run alone = Cli.run("audit", "verify", copy.toString());
        assertThat(alone.exit()).isZero();
        assertThat(alone.out()).startsWith(n + " entries verified");
        assertThat(alone.err()).startsWith("warning: the end of the log was not checked (no " + copy + ".head and no --head)");
        String last = ok.out().substring(ok.out().indexOf("last hash ") + 10).strip();
        Cli.Run withHead = Cli.run("audit", "verify", "--head", last, copy.toString());
        assertThat(withHead.exit()).isZero();
        assertThat(withHead.err()).isEmpty();
    }

    private static void write(Path log, List<String> lines) throws Exception {
        Files.writeString(log, String.join("\n", lines) + "\n");
    }

    @Test
    void verifyExportChecksTheDetachedSignature(@TempDir Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] body;
        String sig;
        String pem;
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(dir.resolve("data")).withPort(0).withAdminToken(TOKEN))) {
            s.userData().addWatch(Cli.JSON.readTree("{\"mmsi\":219165000,\"note\":\"x\"}"));
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/export/vessels.kml"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
            body = r.body();
            sig = r.headers().firstValue("X-Watchkeeper-Signature").orElseThrow();
            pem = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/signing-key"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        Path file = Files.write(dir.resolve("vessels.kml"), body);
        Path sigFile = Files.writeString(dir.resolve("vessels.kml.sig"), sig + "\n");
        Path key = Files.writeString(dir.resolve("server.pub.pem"), pem);
        assertThat(Files.readString(dir.resolve("data").resolve("signing-key.pub.pem"))).isEqualTo(pem);
        Cli.Run ok = Cli.run("verify-export", "--key", key.toString(), file.toString(), sigFile.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("signature valid");

        byte[] tampered = body.clone();
        tampered[tampered.length - 3] ^= 0x20;
        Files.write(file, tampered);
        Cli.Run bad = Cli.run("verify-export", "--key", key.toString(), file.toString(), sigFile.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("signature INVALID");

        Files.write(file, body);
        Files.writeString(dir.resolve("other.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n");
        Cli.Run otherKey = Cli.run("verify-export", "--key", dir.resolve("other.pem").toString(), file.toString(), sigFile.toString());
        assertThat(otherKey.exit()).isEqualTo(1);
        assertThat(Cli.run("verify-export", "--key", file.toString(), file.toString(), sigFile.toString()).exit()).isEqualTo(2);

        // the signature from a pipe, as bash's <(curl -sI ... | sed ...) gives it: read as a file is
        Path fifo = dir.resolve("sig.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, sig + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Cli.Run piped = Cli.run("verify-export", "--key", key.toString(), file.toString(), fifo.toString());
        writer.join(10_000);
        assertThat(piped.exit()).as(piped.err()).isZero();
        assertThat(piped.out()).contains("signature valid");
        Cli.Run directory = Cli.run("verify-export", "--key", key.toString(), dir.toString(), sigFile.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("verify-export: a directory, not a file: " + dir);
    }

    /** A folder given for the log, and a --head that is not a SHA-256 hash, are named as such (exit 2, nothing checked). */
    @Test
    void auditVerifyNamesAFolderAndABadHead(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("wk"));
        Cli.Run noLog = Cli.run("audit", "verify", data.toString());
        assertThat(noLog.exit()).isEqualTo(2);
        assertThat(noLog.err()).isEqualTo("watchkeeper audit verify: " + data + " is a directory, not an audit log;"
                + " give the log file (audit.log in the server's data folder)\n");
        Files.writeString(data.resolve("audit.log"), "");
        Cli.Run withLog = Cli.run("audit", "verify", data.toString());
        assertThat(withLog.exit()).isEqualTo(2);
        assertThat(withLog.err()).isEqualTo("watchkeeper audit verify: " + data + " is a directory, not an audit log; the"
                + " server's log in it is " + data.resolve("audit.log") + " (watchkeeper audit verify " + data.resolve("audit.log") + ")\n");
        Cli.Run head = Cli.run("audit", "verify", "--head", "abc", data.resolve("audit.log").toString());
        assertThat(head.exit()).isEqualTo(2);
        assertThat(head.err()).startsWith("watchkeeper audit verify: --head must be a SHA-256 hash, 64 hexadecimal digits"
                + " (the last entry's \"hash\"): 'abc'\n");
        // a head file that cannot say the end: named, exit 1 (the log is not shown intact)
        Path log = data.resolve("audit.log");
        Files.writeString(data.resolve("audit.log.head"), "garbage");
        Cli.Run bad = Cli.run("audit", "verify", log.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("watchkeeper audit verify: the head file " + data.resolve("audit.log.head") + " cannot be"
                + " read as the log's end: it is not JSON (it holds {\"seq\":N,\"hash\":\"...\"}, the last entry's; give that hash"
                + " with --head instead)\n");
        Files.writeString(data.resolve("audit.log.head"), "{\"seq\":1}");
        assertThat(Cli.run("audit", "verify", log.toString()).err()).contains("it has no \"hash\" of 64 hexadecimal digits");
        Files.delete(data.resolve("audit.log.head"));
        // the empty log's end is the genesis hash, in either case
        assertThat(Cli.run("audit", "verify", "--head", AuditLog.GENESIS, data.resolve("audit.log").toString()).exit()).isZero();
    }
}
