package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's hash chain: an untouched log verifies; any edited byte, removed, reordered or truncated entry is named. */
class AuditLogTest {
    @TempDir
    Path dir;
    Path log;

    @BeforeEach
    void write() throws Exception {
        log = dir.resolve("audit.log");
        try (AuditLog a = new AuditLog(log)) {
            for (int i = 0; i < 20; i++) {
                a.append(i % 3 == 0 ? null : "user" + i, "org-" + (i % 2), i % 4 == 0 ? "export" : "read",
                        "GET /api/vessels?q=ä\"" + i, Map.of("status", "200", "z", "last", "a", "first \\ \u2028"));
            }
        }
        // Reopening continues the chain.
        try (AuditLog a = new AuditLog(log)) {
            assertThat(a.size()).isEqualTo(20);
            a.append("admin", "host", "login", "POST /api/login", Map.of());
        }
    }

    @Test
    void anUntouchedLogVerifies() throws Exception {
        AuditLog.Verification v = AuditLog.verify(log, null);
        assertThat(v.ok()).as(v.message()).isTrue();
        assertThat(v.entries()).isEqualTo(21);
        assertThat(v.message()).startsWith("21 entries verified");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"").contains("\"prev\":\"" + AuditLog.GENESIS + "\"");
        assertThat(lines.get(1)).contains("\"detail\":{\"a\":\"first");
    }

    @Test
    void everyEditedByteIsDetected() throws Exception {
        byte[] orig = Files.readAllBytes(log);
        int lineNo = 1;
        int undetected = 0;
        for (int i = 0; i < orig.length; i++) {
            if (orig[i] == '\n') {
                lineNo++;
                continue;
            }
            byte[] b = orig.clone();
            b[i] = (byte) (b[i] == 'a' ? 'b' : b[i] == '0' ? '1' : 'a');
            Files.write(log, b);
            AuditLog.Verification v = AuditLog.verify(log, null);
            if (v.ok()) {
                undetected++;
            } else {
                assertThat(v.badLine()).as("byte %d", i).isEqualTo(lineNo);
            }
        }
        assertThat(undetected).isZero();
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(6);
        Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        AuditLog.Verification v = AuditLog.verify(log, null);
        assertThat(v.ok()).isFalse();
        assertThat(v.badLine()).isEqualTo(7);
        assertThat(v.badSeq()).isEqualTo(8);
        assertThat(v.message()).contains("line 7 (seq 8)", "expected 7");
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        String x = lines.get(10);
        lines.set(10, lines.get(11));
        lines.set(11, x);
        Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        AuditLog.Verification v = AuditLog.verify(log, null);
        assertThat(v.ok()).isFalse();
        assertThat(v.badLine()).isEqualTo(11);
        assertThat(v.reason()).contains("seq is 12, expected 11");
    }

    @Test
    void anEntryRewrittenWithAFreshHashBreaksTheNextLink() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        // Recompute entry 5's hash after changing its user: the chain breaks at entry 6.
        com.fasterxml.jackson.databind.JsonNode e = Rows.JSON.readTree(lines.get(4));
        Map<String, String> d = new java.util.TreeMap<>();
        e.get("detail").fields().forEachRemaining(f -> d.put(f.getKey(), f.getValue().asText()));
        String canonical = AuditLog.canonical(5, e.get("time").asText(), "mallory", e.get("org").asText(), e.get("action").asText(),
                e.get("target").asText(), d, e.get("prev").asText());
        String hash = Accounts.sha256(e.get("prev").asText() + canonical);
        lines.set(4, canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}");
        Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        AuditLog.Verification v = AuditLog.verify(log, null);
        assertThat(v.ok()).isFalse();
        assertThat(v.badLine()).isEqualTo(6);
        assertThat(v.reason()).contains("prev does not match");
    }

    @Test
    void truncationIsDetected() throws Exception {
        byte[] orig = Files.readAllBytes(log);
        // Inside an entry.
        Files.write(log, java.util.Arrays.copyOf(orig, orig.length - 30));
        AuditLog.Verification mid = AuditLog.verify(log, null);
        assertThat(mid.ok()).isFalse();
        assertThat(mid.badLine()).isEqualTo(21);
        assertThat(mid.reason()).contains("partial entry");
        // Whole entries from the end: the head file knows where the log ended.
        List<String> lines = Files.readAllLines(log.resolveSibling("audit.log")).subList(0, 0);
        lines = new ArrayList<>(List.of(new String(orig, StandardCharsets.UTF_8).split("\n")));
        Files.write(log, (String.join("\n", lines.subList(0, 18)) + "\n").getBytes(StandardCharsets.UTF_8));
        AuditLog.Verification end = AuditLog.verify(log, null);
        assertThat(end.ok()).isFalse();
        assertThat(end.badSeq()).isEqualTo(19);
        assertThat(end.reason()).contains("ends at seq 18", "removed from the end");
        // All of it.
        Files.write(log, new byte[0]);
        assertThat(AuditLog.verify(log, null).ok()).isFalse();
        // Against an explicit head (e.g. one kept elsewhere), without the head file.
        Files.write(log, orig);
        String last = AuditLog.verify(log, null).lastHash();
        Files.delete(AuditLog.head(log));
        assertThat(AuditLog.verify(log, last).ok()).isTrue();
        assertThat(AuditLog.verify(log, AuditLog.GENESIS).ok()).isFalse();
    }

    @Test
    void aServerRefusesToAppendToALogEndingInAPartialEntry() throws Exception {
        byte[] orig = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(orig, orig.length - 5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditLog(log)).hasMessageContaining("partial entry");
    }

    /** A server started on the log: what it says on standard error, and its check, once done. */
    record Started(String err, AuditLog.Verification check) {
    }

    Started startServer() throws Exception {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(dir))) {
            AuditLog.Verification v = server.auditCheck().get(60, java.util.concurrent.TimeUnit.SECONDS);
            return new Started(err.toString(StandardCharsets.UTF_8), v);
        } finally {
            System.setErr(before);
        }
    }

    /**
     * A server started on a changed log says so on standard error, naming the first bad line as
     * 'audit verify' does, and records that it found the chain broken; it goes on recording.
     */
    @Test
    void aServerStartedOnAChangedLogWarnsAndRecordsIt() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(4, lines.get(4).replace("\"user4\"", "\"userX\""));
        Files.write(log, lines);
        String expected = AuditLog.verify(log, null).message();
        assertThat(expected).startsWith("line 5 (seq 5): hash does not match the entry's content");
        Started s = startServer();
        assertThat(s.check().message()).isEqualTo(expected);
        assertThat(s.err()).contains("watchkeeper serve: warning: the audit log " + log + " fails verification at " + expected
                + " (as 'watchkeeper audit verify " + log + "' says): it was changed after it was written; the server goes on"
                + " recording, its entries chained to the last line\n");
        List<String> after = Files.readAllLines(log);
        assertThat(after.size()).isGreaterThan(22);
        List<String> broken = after.stream().filter(l -> l.contains("\"action\":\"audit.broken\"")).toList();
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0)).contains("\"target\":\"audit.log\"", "\"detail\":{\"entries_verified\":\"4\",\"line\":\"5\","
                + "\"reason\":\"hash does not match the entry's content (the entry was changed)\",\"seq\":\"5\"}");
        // the rest of the chain goes on from the last line: verify still stops at line 5 only
        assertThat(AuditLog.verify(log, null).badLine()).isEqualTo(5);
    }

    /**
     * A log cut inside its last entry (a write cut short) no longer keeps the server from starting: the
     * partial bytes are moved beside the log as they were, the log goes on from its last whole entry, the
     * server says so and records it, and the whole log verifies again.
     */
    @Test
    void aServerStartedOnALogEndingInAPartialEntrySetsItAsideAndRecordsIt() throws Exception {
        byte[] orig = Files.readAllBytes(log);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(21);
        byte[] cut = java.util.Arrays.copyOf(orig, orig.length - 5);
        Files.write(log, cut);
        // the head file names entry 21, now cut: put back the one of entry 20, as a write cut before the head was
        String head20 = Rows.JSON.readTree(lines.get(19)).path("hash").asText();
        Files.writeString(AuditLog.head(log), "{\"seq\":20,\"hash\":\"" + head20 + "\"}\n");
        Started s = startServer();
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith("audit.log.partial-")).toList();
            assertThat(aside).hasSize(1);
            String partial = lines.get(20).substring(0, lines.get(20).length() - 4);
            assertThat(Files.readString(aside.get(0))).isEqualTo(partial);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(aside.get(0))))
                    .isEqualTo("rw-------");
            assertThat(s.err()).contains("warning: the audit log " + log + " ended in a partial entry (line 21, "
                    + partial.length() + " bytes: a write cut short, or the file changed); those bytes are kept in " + aside.get(0));
        }
        List<String> after = Files.readAllLines(log);
        assertThat(after.subList(0, 20)).isEqualTo(lines.subList(0, 20));
        assertThat(after.get(20)).contains("\"seq\":21", "\"action\":\"audit.broken\"", "\"line\":\"21\"",
                "\"reason\":\"partial entry at the end, set aside\"");
        assertThat(s.check().ok()).as(s.check().message()).isTrue();
        assertThat(AuditLog.verify(log, null).ok()).isTrue();
    }

    /** A head file that cannot be read is said and recorded, the log verified without it, and the head written anew. */
    @Test
    void aServerStartedWithADamagedHeadFileWarnsAndGoesOn() throws Exception {
        Files.writeString(AuditLog.head(log), "garbage\n");
        Started s = startServer();
        assertThat(s.err()).contains("warning: the head file " + AuditLog.head(log) + " cannot be read as the log's end: it is not JSON;"
                + " the log is verified without it");
        assertThat(s.check().ok()).as(s.check().message()).isTrue();
        List<String> broken = Files.readAllLines(log).stream().filter(l -> l.contains("\"action\":\"audit.broken\"")).toList();
        assertThat(broken).singleElement().asString().contains("\"target\":\"audit.log.head\"", "it is not JSON\"")
                .doesNotContain("--head");
        assertThat(Files.readString(AuditLog.head(log))).startsWith("{\"seq\":");
        assertThat(AuditLog.verify(log, null).ok()).isTrue();
    }

    @Test
    void aServerStartedOnAnUntouchedLogSaysNothing() throws Exception {
        Started s = startServer();
        assertThat(s.check().ok()).as(s.check().message()).isTrue();
        assertThat(s.check().entries()).isEqualTo(21);
        assertThat(s.err()).doesNotContain("audit log");
        assertThat(Files.readString(log)).doesNotContain("audit.broken");
        assertThat(AuditLog.verify(log, null).ok()).isTrue();
    }

    /** Entries removed from the end: the head file written before the server started tells. */
    @Test
    void aServerStartedOnALogCutShortWarns() throws Exception {
        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, 18));
        Started s = startServer();
        assertThat(s.check().badLine()).isEqualTo(19);
        assertThat(s.err()).contains("fails verification at line 19 (seq 19): the log ends at seq 18 with hash");
    }
}
