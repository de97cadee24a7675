package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The append-only audit log {@code <data>/audit.log}: one JSON object per line,
 * {@code {"seq","time","user","org","action","target","detail","prev","hash"}}, in that key order,
 * compact, {@code detail} an object of strings with keys sorted. {@code seq} counts from 1;
 * {@code prev} is the {@code hash} of the entry before (64 zeros for the first); {@code hash} is the
 * lower-case hex SHA-256 (FIPS 180-4) of the UTF-8 bytes of {@code prev} followed by the canonical
 * entry, i.e. the line without its {@code hash} member. So changing, removing or reordering any
 * entry breaks the chain from that entry on, and a line not in canonical form is refused.
 *
 * <p>Removing entries from the end leaves a valid shorter chain; {@code audit.log.head} (rewritten
 * atomically after each entry) holds the last seq and hash, and {@link #verify} compares the chain's
 * end with it when it is there. Keep a copy of the head elsewhere (or pass it to {@code audit verify
 * --head}) to prove the end against someone who can rewrite both files.
 *
 * <p>Entries go to the operating system at once (they survive a crash of the server, not of the machine).
 * Actions: {@code read}, {@code create}, {@code change}, {@code delete}, {@code export}, {@code login},
 * {@code login.failed}, {@code logout}, {@code token.refused}, {@code denied}, {@code start}, and
 * {@code audit.broken}: the server found at its start that the log fails {@link #verify} (it goes on
 * recording, chained to the last line).
 */
public final class AuditLog implements AutoCloseable {
    /** {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** Longest text kept in one field. */
    public static final int MAX_FIELD = 2000;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> KEYS = List.of("seq", "time", "user", "org", "action", "target", "detail", "prev", "hash");

    private final Path file;
    private final FileChannel out;
    private long seq;
    private String last;

    /**
     * Opens (or creates) the log and continues its chain.
     *
     * @throws IllegalStateException when the log ends in a partial entry or its last entry is malformed
     */
    public AuditLog(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        String tail = lastLine(file);
        if (tail == null) {
            seq = 0;
            last = GENESIS;
        } else {
            JsonNode n;
            try {
                n = Rows.JSON.readTree(tail);
            } catch (IOException e) {
                throw new IllegalStateException(file + " ends in a malformed entry; run 'watchkeeper audit verify " + file + "'");
            }
            seq = n.path("seq").asLong();
            last = n.path("hash").asText();
        }
        this.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len == 0) {
                return null;
            }
            f.seek(len - 1);
            if (f.read() != '\n') {
                throw new IllegalStateException(file + " ends in a partial entry; run 'watchkeeper audit verify " + file + "'");
            }
            long pos = len;
            int chunk = 65536;
            byte[] buf = new byte[0];
            while (pos > 0) {
                int n = (int) Math.min(chunk, pos);
                pos -= n;
                byte[] b = new byte[n];
                f.seek(pos);
                f.readFully(b);
                byte[] joined = new byte[b.length + buf.length];
                System.arraycopy(b, 0, joined, 0, b.length);
                System.arraycopy(buf, 0, joined, b.length, buf.length);
                buf = joined;
                for (int i = b.length - 1; i >= 0; i--) {
                    if (buf[i] == '\n' && i < buf.length - 1) {
                        return new String(buf, i + 1, buf.length - i - 2, StandardCharsets.UTF_8);
                    }
                }
            }
            return new String(buf, 0, buf.length - 1, StandardCharsets.UTF_8);
        }
    }

    /**
     * Appends one entry.
     *
     * @param user the caller's user name (null: anonymous or unknown)
     * @param org the caller's organisation (null: none)
     * @param action what happened (see the class comment)
     * @param target what it happened to, e.g. {@code GET /api/vessels?bbox=...}
     * @param detail extra facts (strings); null values are left out
     * @return the entry's seq
     */
    public synchronized long append(String user, String org, String action, String target, Map<String, String> detail) {
        long s = seq + 1;
        Map<String, String> d = new TreeMap<>();
        if (detail != null) {
            detail.forEach((k, v) -> {
                if (v != null) {
                    d.put(clip(k), clip(v));
                }
            });
        }
        String canonical = canonical(s, Instant.now().toString(), clip(user), clip(org), clip(action), clip(target), d, last);
        String hash = Accounts.sha256(last + canonical);
        String line = withHash(canonical, hash) + "\n";
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                out.write(b);
            }
            Accounts.writeAtomically(head(file), ("{\"seq\":" + s + ",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
        seq = s;
        last = hash;
        return s;
    }

    /**
     * What {@link #setAsidePartialEnd} moved out of a log.
     *
     * @param file  the file that now holds the bytes ({@code FILE.partial-EPOCHMS} beside the log)
     * @param bytes how many bytes were moved (after the log's last line end)
     * @param line  the number the partial entry's line had in the log (1-based)
     */
    public record SetAside(Path file, long bytes, long line) {
    }

    /**
     * Moves a partial entry at the end of a log (the bytes after its last line end: an append cut short by
     * a crash or a full disk, or the file edited) to a file of its own beside the log,
     * {@code FILE.partial-EPOCHMS}, and truncates the log to its last whole entry, so that the server can
     * open it and chain new entries to that entry; the caller records in the log that it did
     * ({@code audit.broken}). Nothing is lost: the moved bytes are kept as they were. A log cut at an entry
     * whose head file ({@link #head}) was written still fails verification against that head.
     *
     * @param log the audit log (absent or empty: nothing to do)
     * @return what was moved, or null when the log ends in a line end, is empty or does not exist
     * @throws IOException when the log cannot be read or truncated, or the bytes cannot be written
     */
    public static SetAside setAsidePartialEnd(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long len = ch.size();
            if (len == 0) {
                return null;
            }
            // the last line end, read backwards in blocks
            long keep = 0;
            long lines = 0;
            ByteBuffer b = ByteBuffer.allocate(65536);
            long pos = len;
            boolean found = false;
            while (pos > 0 && !found) {
                int n = (int) Math.min(b.capacity(), pos);
                pos -= n;
                b.clear().limit(n);
                while (b.hasRemaining()) {
                    if (ch.read(b, pos + b.position()) < 0) {
                        throw new IOException("unexpected end of " + log);
                    }
                }
                for (int i = n - 1; i >= 0; i--) {
                    if (b.get(i) == '\n') {
                        keep = pos + i + 1;
                        found = true;
                        break;
                    }
                }
            }
            if (keep == len) {
                return null;
            }
            // the partial entry's line number: the line ends before it, plus one
            b.clear();
            for (long p = 0; p < keep; ) {
                b.clear().limit((int) Math.min(b.capacity(), keep - p));
                int n = ch.read(b, p);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (b.get(i) == '\n') {
                        lines++;
                    }
                }
                p += n;
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(len - keep, Integer.MAX_VALUE - 8));
            while (tail.hasRemaining() && ch.read(tail, keep + tail.position()) > 0) {
                // read the partial entry
            }
            Path aside = log.resolveSibling(log.getFileName() + ".partial-" + System.currentTimeMillis());
            // owner-only, as the log itself: its entries name users and tokens
            try {
                Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(aside);
            }
            Files.write(aside, java.util.Arrays.copyOf(tail.array(), tail.position()), StandardOpenOption.TRUNCATE_EXISTING);
            ch.truncate(keep);
            ch.force(true);
            return new SetAside(aside, len - keep, lines + 1);
        }
    }

    /** The head file next to a log: {@code FILE.head}. */
    public static Path head(Path log) {
        return log.resolveSibling(log.getFileName() + ".head");
    }

    private static String clip(String s) {
        return s == null ? null : s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD) + "…";
    }

    static String canonical(long seq, String time, String user, String org, String action, String target,
            Map<String, String> detail, String prev) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("seq", seq);
        o.put("time", time);
        o.put("user", user);
        o.put("org", org);
        o.put("action", action);
        o.put("target", target);
        ObjectNode d = o.putObject("detail");
        new TreeMap<>(detail).forEach(d::put);
        o.put("prev", prev);
        return o.toString();
    }

    private static String withHash(String canonical, String hash) {
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    /** The outcome of {@link #verify}: entries checked, and the first bad one (line from 1, its seq if readable, why). */
    public record Verification(long entries, String lastHash, long badLine, Long badSeq, String reason) {
        public boolean ok() {
            return reason == null;
        }

        /** {@code N entries verified} or {@code line L (seq S): REASON}. */
        public String message() {
            if (ok()) {
                return entries + " entries verified; last hash " + lastHash;
            }
            return "line " + badLine + (badSeq == null ? "" : " (seq " + badSeq + ")") + ": " + reason;
        }
    }

    /**
     * Checks a log: every line canonical, seq 1, 2, 3..., each {@code prev} the hash before, each hash
     * right; then the end against {@code expectedHead} (a hash, or null to use {@code FILE.head} when it
     * exists).
     */
    public static Verification verify(Path file, String expectedHead) throws IOException {
        String[] head = expectedHead != null ? new String[] {expectedHead, "the expected head"} : headFile(file);
        return verify(file, Long.MAX_VALUE, head);
    }

    /**
     * The end a log's head file ({@code FILE.head}) gives: {hash, how to name it in a message}, or null
     * when there is no head file.
     */
    static String[] headFile(Path file) throws IOException {
        Path head = head(file);
        if (!Files.exists(head)) {
            return null;
        }
        if (!Files.isRegularFile(head)) {
            throw new BadHead(head, "it is not a file");
        }
        JsonNode h;
        try {
            h = Rows.JSON.readTree(head.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadHead(head, "it is not JSON");
        }
        if (h == null || !h.path("hash").isTextual() || !h.path("hash").asText().matches("[0-9a-f]{64}")) {
            throw new BadHead(head, "it has no \"hash\" of 64 hexadecimal digits");
        }
        return new String[] {h.path("hash").asText(), head.getFileName() + " (seq " + h.path("seq").asText() + ")"};
    }

    /**
     * A log's head file ({@code FILE.head}) that cannot give the hash the log must end with: not a file, not
     * JSON, or without a SHA-256 {@code hash}. The log's end cannot be checked against it.
     */
    public static final class BadHead extends IOException {
        private static final long serialVersionUID = 1L;

        BadHead(Path head, String why) {
            super("the head file " + head + " cannot be read as the log's end: " + why
                    + " (it holds {\"seq\":N,\"hash\":\"...\"}, the last entry's; give that hash with --head instead)");
        }
    }

    /**
     * {@link #verify(Path, String)} of the first {@code length} bytes of a log (all of it when it is
     * shorter), its end checked against {@code head} ({@link #headFile}, or null): the log as it was at a
     * moment, while entries are appended after it. Reads the log as a stream, a chunk at a time.
     */
    static Verification verify(Path file, long length, String[] head) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return verify(in, length, head);
        }
    }

    private static Verification verify(java.io.InputStream in, long length, String[] head) throws IOException {
        String prev = GENESIS;
        long n = 0;
        long line = 0;
        long left = length;
        byte[] chunk = new byte[1 << 16];
        int have = 0; // chunk[pos, have) is read and not yet scanned
        int pos = 0;
        java.io.ByteArrayOutputStream carry = new java.io.ByteArrayOutputStream(512); // a line split across chunks
        while (true) {
            if (pos == have) {
                int r = left <= 0 ? -1 : in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
                have = r;
                pos = 0;
            }
            int end = pos;
            while (end < have && chunk[end] != '\n') {
                end++;
            }
            if (end == have) {
                carry.write(chunk, pos, end - pos);
                pos = end;
                continue;
            }
            String text;
            if (carry.size() == 0) {
                text = new String(chunk, pos, end - pos, StandardCharsets.UTF_8);
            } else {
                carry.write(chunk, pos, end - pos);
                text = carry.toString(StandardCharsets.UTF_8);
                carry.reset();
            }
            pos = end + 1;
            line++;
            JsonNode o;
            try {
                o = Rows.JSON.readTree(text);
            } catch (IOException e) {
                return new Verification(n, prev, line, null, "not a JSON object");
            }
            Long seq = o != null && o.path("seq").canConvertToLong() ? o.get("seq").asLong() : null;
            String why = check(o, n + 1, prev, text);
            if (why != null) {
                return new Verification(n, prev, line, seq, why);
            }
            prev = o.get("hash").asText();
            n++;
        }
        if (carry.size() > 0) {
            return new Verification(n, prev, line + 1, null, "partial entry at the end (no line end): the log was truncated or is being written");
        }
        String want = head == null ? null : head[0];
        String source = head == null ? null : head[1];
        if (want != null && !want.equals(prev)) {
            return new Verification(n, prev, line + 1, n + 1,
                    "the log ends at seq " + n + " with hash " + prev + " but " + source + " says " + want
                            + ": entries were removed from the end (or the head does not belong to this log)");
        }
        return new Verification(n, prev, 0, null, null);
    }

    private static String check(JsonNode o, long seq, String prev, String text) {
        if (o == null || !o.isObject()) {
            return "not a JSON object";
        }
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(KEYS)) {
            return "members are " + keys + ", expected " + KEYS;
        }
        if (!o.get("seq").isIntegralNumber()) {
            return "seq is not a whole number";
        }
        if (o.get("seq").asLong() != seq) {
            return "seq is " + o.get("seq").asLong() + ", expected " + seq + " (an entry was removed, inserted or moved)";
        }
        for (String k : List.of("time", "action", "target", "prev", "hash")) {
            if (!o.get(k).isTextual()) {
                return k + " is not a string";
            }
        }
        for (String k : List.of("user", "org")) {
            if (!o.get(k).isTextual() && !o.get(k).isNull()) {
                return k + " is neither a string nor null";
            }
        }
        if (!o.get("detail").isObject()) {
            return "detail is not an object";
        }
        Map<String, String> d = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.get("detail").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                return "detail." + e.getKey() + " is not a string";
            }
            d.put(e.getKey(), e.getValue().asText());
        }
        if (!o.get("prev").asText().equals(prev)) {
            return "prev does not match the hash of the entry before (an entry before was changed, removed or moved)";
        }
        String hash = o.get("hash").asText();
        if (!HEX64.matcher(hash).matches()) {
            return "hash is not 64 lower-case hex digits";
        }
        String canonical = canonical(seq, o.get("time").asText(), o.get("user").isNull() ? null : o.get("user").asText(),
                o.get("org").isNull() ? null : o.get("org").asText(), o.get("action").asText(), o.get("target").asText(), d, prev);
        if (!withHash(canonical, hash).equals(text)) {
            return "the line is not in canonical form (bytes were changed)";
        }
        if (!Accounts.sha256(prev + canonical).equals(hash)) {
            return "hash does not match the entry's content (the entry was changed)";
        }
        return null;
    }

    /** Entries written so far (the last seq). */
    public synchronized long size() {
        return seq;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
