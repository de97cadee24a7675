package org.watchkeeper.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.watchkeeper.core.pipeline.InputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper send}: feeds recorded logs to a TCP or UDP listener (a {@code serve} source
 * {@code tcp-listen://} or {@code udp://}, or any program that takes NMEA over the network), line by
 * line as they are in the file, paced as fast as possible, by the log's own time ({@code --speed}) or
 * at a fixed rate ({@code --rate}).
 *
 * <p>Each non-blank line goes as it is in the file (tag blocks, {@code $PGHP} and every other line,
 * its bytes unchanged), ending in CR LF, NMEA 0183's line end, whatever the file's were (LF, CR LF or
 * CR). Over TCP the lines are one stream. Over UDP a datagram holds as many whole lines as fit in
 * {@code --datagram-bytes} (1 400 by default: within an Ethernet MTU, so it is not fragmented); a line
 * is never split, and one longer than that goes alone. When paced, what is due goes out before each
 * wait, so a line goes at its own time and not with a later one.
 *
 * <p>Inputs are opened as {@code decode} and {@code analyze} open them ({@link Inputs}): plain, gzip, zip or tar
 * by content, {@code -} for standard input. An input that is no NMEA log by its start ({@link #refusal}: a
 * MarineCadastre or DMA CSV export, JSON) is refused, naming what it is: a file before anything is sent,
 * standard input when its turn comes; the command then exits 1. A gzip file cut short or corrupt inside ({@link GzipInput})
 * has its lines up to there sent, not the line the cut or damage ends, and so has an input whose reading fails
 * part-way (a zip or tar of several files on standard input, an archive cut short, a disk or pipe error:
 * {@link OpenedInput}); the rest of the inputs are sent, then the summary, and the command exits 1 naming it.
 */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Send NMEA logs to a TCP or UDP listener (a serve source tcp-listen:// or udp://, or any NMEA"
                + " receiver), line by line as they are in the files.",
            "",
            "Each non-blank line goes unchanged, ending in CR LF (NMEA 0183's line end, whatever the file's)."
                + " TCP: one stream. UDP: a datagram holds whole lines up to --datagram-bytes; a longer line goes"
                + " alone.",
            "Pacing: as fast as possible (default); --speed N replays N times faster than the log was received"
                + " (times from tag block c:, $PGHP, a trailing epoch, or GNSS sentences; each file and each"
                + " --loop pass starts at once; a file with no such time goes unpaced, and is said to); --rate N sends"
                + " N lines a second.",
            "A summary (lines, bytes, time taken, lines/s; datagrams for UDP) goes to stderr.",
            ""
        },
        footer = {"", "UDP has no flow control: datagrams that come faster than the receiver reads them are lost"
            + " unseen; --rate keeps within what it takes.",
            "", "An input that is no NMEA log by its start (a MarineCadastre or DMA CSV export, which analyze reads; JSON)"
            + " is refused, saying what it is: a file before anything is sent, standard input when its turn comes.",
            "", "An input that fails part-way (a gzip file cut short, a zip or tar of several files on standard input, a disk"
            + " error) has its lines up to the error sent; the other inputs are sent, then the summary, then the error, naming"
            + " the input and how many of its lines were sent; exit 1.",
            "", "Exit codes: 0 done, 1 I/O error (an input, or the connection: refused, unknown host,"
            + " timeout, closed by the peer) or an input that is no NMEA log, 2 usage error.",
            "", "Examples:",
            "  watchkeeper send --to tcp://localhost:5631 day.nmea.gz",
            "  watchkeeper send --to udp://localhost:10110 --speed 10 --loop day.nmea",
            "  zcat a.gz b.gz | watchkeeper send --to tcp://10.0.0.5:4001 --rate 200 -"})
public final class SendCommand implements Callable<Integer> {
    private static final int READ_BUFFER = 1 << 16;
    /** Bytes sent to a TCP connection at once at most (as fast as possible). */
    static final int TCP_BATCH = 1 << 16;
    /** The largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "NMEA log, plain, gzip-compressed, zipped or tarred (known by its content); '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "URI",
            description = "Where to send: tcp://HOST:PORT or udp://HOST:PORT (an IPv6 host in brackets).")
    String to;

    @Option(names = "--speed", paramLabel = "FACTOR",
            description = "Replay at FACTOR times the pace of the log's own times (> 0). Not with --rate.")
    Double speed;

    @Option(names = "--rate", paramLabel = "LINES_PER_S",
            description = "Send LINES_PER_S lines a second (> 0). Not with --speed.")
    Double rate;

    @Option(names = "--loop", description = "Send the files again from the first, until stopped (Ctrl-C) or --max-lines."
            + " Not with '-'.")
    boolean loop;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "-1",
            description = "Stop after N lines (default: all).")
    long maxLines;

    @Option(names = "--datagram-bytes", paramLabel = "N", defaultValue = "1400",
            description = "UDP: bytes a datagram holds at most, its lines' CR LF included (default: ${DEFAULT-VALUE};"
                    + " at most " + MAX_DATAGRAM + ").")
    int datagramBytes;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "TCP: give up connecting after SECONDS (default: ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = "--quiet", description = "No summary on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final Main.Streams streams;

    SendCommand(Main.Streams streams) {
        this.streams = streams;
    }

    /** Where {@code --to} points. */
    record Target(boolean udp, String host, int port) {
        /** As the user gives it back: {@code tcp://host:port}, an IPv6 host in brackets. */
        String uri() {
            return (udp ? "udp" : "tcp") + "://" + hostPort();
        }

        String hostPort() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * {@code tcp://HOST:PORT} or {@code udp://HOST:PORT}, the host a name, an IPv4 address or an
     * IPv6 address in brackets.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Target target(String uri) {
        String u = uri.strip();
        boolean udp;
        if (u.startsWith("tcp://")) {
            udp = false;
        } else if (u.startsWith("udp://")) {
            udp = true;
        } else {
            throw new IllegalArgumentException("--to must be tcp://HOST:PORT or udp://HOST:PORT, got " + uri);
        }
        String rest = u.substring(6);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || !rest.startsWith(":", close + 1)) {
                throw new IllegalArgumentException("--to must be tcp://HOST:PORT or udp://HOST:PORT, got " + uri);
            }
            host = rest.substring(1, close);
            port = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0 || rest.indexOf(':') != colon) {
                throw new IllegalArgumentException("--to needs a host and a port (tcp://HOST:PORT or udp://HOST:PORT), got " + uri);
            }
            host = rest.substring(0, colon);
            port = rest.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("/")) {
            throw new IllegalArgumentException("--to needs a host and a port (tcp://HOST:PORT or udp://HOST:PORT), got " + uri);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("--to: the port must be a number from 1 to 65535, not '" + port + "': " + uri);
        }
        return new Target(udp, host, Integer.parseInt(port));
    }

    /** What was sent so far; read by the shutdown hook while sending goes on. */
    private volatile long sentLines;
    private volatile long sentBytes;
    private volatile long datagrams;
    private volatile boolean ended;
    private long started;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Target target;
        try {
            target = target(to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (speed != null && rate != null) {
            throw new ParameterException(spec.commandLine(), "--speed and --rate pace in two ways: give one of them");
        }
        if (speed != null && (!(speed > 0) || speed.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--speed must be a number > 0, got " + speed);
        }
        if (rate != null && (!(rate > 0) || rate.isInfinite())) {
            throw new ParameterException(spec.commandLine(), "--rate must be a number > 0, got " + rate);
        }
        if (datagramBytes < 16 || datagramBytes > MAX_DATAGRAM) {
            throw new ParameterException(spec.commandLine(), "--datagram-bytes must be from 16 to " + MAX_DATAGRAM + ", got " + datagramBytes);
        }
        if (!(connectTimeout > 0) || connectTimeout > 3600) {
            throw new ParameterException(spec.commandLine(), "--connect-timeout must be more than 0 and at most 3600 seconds");
        }
        long stdin = files.stream().filter("-"::equals).count();
        if (stdin > 1) {
            throw new ParameterException(spec.commandLine(), "'-' (standard input) can be read once only");
        }
        if (loop && stdin > 0) {
            throw new ParameterException(spec.commandLine(), "--loop reads the files again: standard input ('-') cannot be");
        }
        for (String f : files) {
            String why = Inputs.unreadable(f);
            if (why != null) {
                err.println("watchkeeper send: cannot read " + f + ": " + why);
                err.flush();
                return 1;
            }
        }
        // a file that is no NMEA log by its start is refused before anything is sent (standard input when its turn comes)
        for (String f : files) {
            if (f.equals("-")) {
                continue;
            }
            String refused;
            try (InputStream in = Inputs.maybeGunzipped(Files.newInputStream(Path.of(f)), READ_BUFFER, READ_BUFFER)) {
                refused = refusal(f, in);
            } catch (IOException e) {
                err.println("watchkeeper send: cannot read " + f + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            if (refused != null) {
                err.println("watchkeeper send: " + refused + " (nothing was sent)");
                err.flush();
                return 1;
            }
        }

        Connection c;
        try {
            c = target.udp() ? Connection.udp(target) : Connection.tcp(target, (int) Math.round(connectTimeout * 1000));
        } catch (IOException e) {
            err.println("watchkeeper send: cannot " + (target.udp() ? "send to " : "connect to ") + target.hostPort() + ": "
                    + connectFailure(e, connectTimeout));
            err.flush();
            return 1;
        }
        ReplayPacer pacer = speed != null ? ReplayPacer.bySpeed(speed) : rate != null ? ReplayPacer.byRate(rate) : null;
        Batch batch = new Batch(c, target.udp() ? datagramBytes : TCP_BATCH);
        Set<String> cut = new LinkedHashSet<>();
        started = System.nanoTime();
        Thread hook = new Thread(() -> {
            if (!ended && !quiet) {
                err.println(summary(target, "stopped: "));
                err.flush();
            }
        }, "send-summary");
        Runtime.getRuntime().addShutdownHook(hook);
        String stage = null;
        Set<String> untimed = new LinkedHashSet<>();
        try (c) {
            boolean more = true;
            while (more) {
                long pass = batch.lines;
                for (String f : files) {
                    stage = "input " + f;
                    more = sendFile(f, pacer, batch, cut);
                    if (pacer != null && !pacer.timed() && untimed.add(f)) {
                        // a log whose lines carry no time: --speed had nothing to go by (said once a file)
                        err.println("watchkeeper send: --speed " + factor(speed) + ": " + f + " has no receive times"
                                + " (tag block c:, $PGHP, a trailing epoch or GNSS sentences), so it was sent unpaced");
                        err.flush();
                    }
                    if (!more) {
                        break;
                    }
                    if (pacer != null) {
                        pacer.restart();
                    }
                }
                more &= loop && batch.lines > pass; // a pass of no lines would loop for ever
            }
            stage = null;
            batch.flush();
            c.finish();
        } catch (NotNmea e) {
            ended = true;
            err.println("watchkeeper send: " + e.getMessage() + " (nothing of it was sent; " + linesAndBytes()
                    + " of the inputs before it " + (sentLines == 1 ? "was" : "were") + ")");
            err.flush();
            return 1;
        } catch (SendFailure e) {
            ended = true;
            err.println("watchkeeper send: " + target.uri() + ": " + sendFailure(e.getCause(), target.udp()) + "; "
                    + wereSent());
            err.flush();
            return 1;
        } catch (IOException e) {
            ended = true;
            if (stage == null) { // closing the connection
                err.println("watchkeeper send: " + target.uri() + ": " + sendFailure(e, target.udp()) + "; "
                        + wereSent());
            } else {
                err.println("watchkeeper send: I/O error on " + stage + ": " + e.getMessage() + "; " + wereSent());
            }
            err.flush();
            return 1;
        } finally {
            ended = true;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run
            }
        }
        if (!quiet) {
            err.println(summary(target, ""));
        }
        for (String m : cut) {
            err.println("watchkeeper send: I/O error on " + m);
        }
        err.flush();
        return cut.isEmpty() ? 0 : 1;
    }

    /** The summary line: lines, bytes, (datagrams,) time taken and lines/s. */
    private String summary(Target target, String prefix) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%ssent %s (%s%s) to %s in %s: %.0f lines/s", prefix,
                count(sentLines, "line", "lines"), count(sentBytes, "byte", "bytes"),
                target.udp() ? ", " + count(datagrams, "datagram", "datagrams") : "", target.uri(),
                duration(seconds), seconds > 0 ? sentLines / seconds : 0.0);
    }

    /** A time taken: milliseconds below a second ({@code 12 ms}, where "0.0 s" would say nothing), else {@code 3.4 s}. */
    static String duration(double seconds) {
        return seconds < 0.9995 ? Math.round(seconds * 1000) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** A --speed factor as given: {@code 10}, {@code 2.5}. */
    static String factor(double speed) {
        return speed == Math.rint(speed) && Math.abs(speed) < 1e15 ? Long.toString((long) speed) : Double.toString(speed);
    }

    /** {@code n} and the noun in the number it takes: "1 datagram", "2 datagrams". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code 1 line (83 bytes)}, {@code 2 lines (166 bytes)}. */
    private String linesAndBytes() {
        return count(sentLines, "line", "lines") + " (" + count(sentBytes, "byte", "bytes") + ")";
    }

    /** {@code 1 line (83 bytes) was sent}, {@code 2 lines (166 bytes) were sent}. */
    private String wereSent() {
        return linesAndBytes() + (sentLines == 1 ? " was sent" : " were sent");
    }

    /**
     * Sends the lines of one input; false when --max-lines is reached. A gzip input cut short or
     * corrupt is noted in {@code cut}; the line the cut ends is not sent.
     */
    private boolean sendFile(String name, ReplayPacer pacer, Batch batch, Set<String> cut) throws IOException {
        InputStream raw = name.equals("-") ? Inputs.nonClosing(streams.in()) : Files.newInputStream(Path.of(name));
        long before = batch.lines;
        // a read error part-way ends the input there: the lines before it are sent, and it is reported at the end
        try (OpenedInput in = new OpenedInput(Inputs.maybeGunzipped(raw, READ_BUFFER, READ_BUFFER))) {
            String refused = refusal(name, in);
            if (refused != null) {
                batch.flush(); // what earlier inputs gave goes, and is counted
                throw new NotNmea(refused);
            }
            byte[] buf = new byte[READ_BUFFER];
            byte[] line = new byte[1024];
            int len = 0;
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b != '\n' && b != '\r') {
                        if (len == line.length) {
                            line = java.util.Arrays.copyOf(line, len * 2);
                        }
                        line[len++] = b;
                    } else if (len > 0) {
                        if (!sendLine(line, len, pacer, batch)) {
                            return false;
                        }
                        len = 0;
                    }
                }
            }
            GzipInput gzip = in.cutGzip();
            // a last line without its line end is sent when the input ended there, not when an error did (it may be cut)
            String error = in.readError();
            boolean failed = error != null;
            if (len > 0 && gzip == null && !failed && !sendLine(line, len, pacer, batch)) {
                return false;
            }
            if (failed) {
                long sent = batch.lines - before;
                cut.add("input " + name + ": " + error + (sent == 0 ? ": nothing in it was sent"
                        : ": its " + sent + (sent == 1 ? " line" : " lines") + " read before the error "
                                + (sent == 1 ? "was" : "were") + " sent" + (len > 0 ? ", not the unended one the error cut" : "")
                                + ", the rest of the input is not read"));
            }
            if (gzip != null) {
                long sent = batch.lines - before;
                cut.add("input " + name + ": " + in.endReason()
                        + (sent == 0 ? ": nothing in it was sent"
                        : gzip.corrupt() ? ": its " + sent + " lines inflated before the damage was found were sent, the rest of"
                                + " the file is not read"
                                : ": the file is cut short; its " + sent + " whole lines before the cut were sent, not the cut one"));
            }
        }
        return true;
    }

    /** Paces and sends one line; false when --max-lines is reached (the line not sent). */
    private boolean sendLine(byte[] line, int len, ReplayPacer pacer, Batch batch) throws IOException {
        if (maxLines >= 0 && batch.lines >= maxLines) {
            return false;
        }
        if (pacer != null) {
            pacer.await(pacer.due(line, 0, len), batch::flush);
        }
        batch.add(line, len);
        return true;
    }

    /** Why connecting failed, in a few words. */
    static String connectFailure(IOException e, double timeoutSeconds) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return String.format(Locale.ROOT, "timed out (no answer in %s s)", new java.text.DecimalFormat("0.###",
                    java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(timeoutSeconds));
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof ConnectException && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused (nothing listens on that port)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Why sending failed mid-run, in a few words. */
    static String sendFailure(IOException e, boolean udp) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof PortUnreachableException) {
            return "nothing listens there (ICMP port unreachable)";
        }
        String l = m.toLowerCase(Locale.ROOT);
        if (!udp && (l.contains("broken pipe") || l.contains("connection reset") || l.contains("connection abort"))) {
            return "the peer closed the connection (" + m + ")";
        }
        return m;
    }

    /**
     * Why input {@code name} ({@code -} for standard input), whose stream {@code in} (which supports mark) starts
     * there, is not sent, or null
     * when it is an NMEA 0183 log as far as its first {@link InputFormat#SNIFF_BYTES} tell
     * ({@link InputFormat#notNmea}): a CSV export ({@code analyze} reads those) or content without a sentence
     * (JSON, a binary file). Reads them and resets {@code in}; a read that fails part-way (a gzip cut short)
     * judges what came before it, and sending then meets the fault itself.
     */
    static String refusal(String name, InputStream in) throws IOException {
        return refusal(name, in, "send sends");
    }

    /**
     * As {@link #refusal(String, InputStream)}, the command that refuses named in {@code refuser}, which says what it
     * does with sentences ({@code kafka-publish publishes}).
     */
    static String refusal(String name, InputStream in, String refuser) throws IOException {
        String zip = Inputs.archiveRefusal(name);
        if (zip != null) {
            return name + " " + zip;
        }
        InputFormat.Refusal r = InputFormat.refusal(in);
        if (r == null) {
            return null;
        }
        return (name.equals("-") ? "standard input" : name) + " " + r.what() + "; " + refuser + " NMEA 0183 AIS sentences"
                + (r.csv() ? ": use watchkeeper analyze " + name + " for it" : "");
    }

    /** An input that is no NMEA 0183 log ({@link #refusal}): the run stops there. */
    private static final class NotNmea extends IOException {
        private static final long serialVersionUID = 1L;

        NotNmea(String why) {
            super(why);
        }
    }

    /** An I/O error of the connection, not of an input. */
    private static final class SendFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SendFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * Lines waiting to be sent: a TCP write or a UDP datagram. Counts what went out (the lines of a
     * batch count once the write or the datagram has been handed to the system).
     */
    private final class Batch {
        private final Connection c;
        private final int limit;
        private byte[] buf;
        private int len;
        private int pending;
        /** Lines added (sent or waiting). */
        long lines;

        Batch(Connection c, int limit) {
            this.c = c;
            this.limit = limit;
            this.buf = new byte[limit];
        }

        void add(byte[] line, int n) throws IOException {
            int need = n + 2;
            if (len > 0 && len + need > limit) {
                flush();
            }
            if (len + need > buf.length) {
                buf = java.util.Arrays.copyOf(buf, len + need); // a line longer than a batch goes alone
            }
            System.arraycopy(line, 0, buf, len, n);
            buf[len + n] = '\r';
            buf[len + n + 1] = '\n';
            len += need;
            pending++;
            lines++;
            if (len >= limit) {
                flush();
            }
        }

        void flush() throws IOException {
            if (len == 0) {
                return;
            }
            try {
                c.send(buf, len);
            } catch (IOException e) {
                throw new SendFailure(e);
            }
            sentLines += pending;
            sentBytes += len;
            datagrams++;
            len = 0;
            pending = 0;
            if (buf.length > limit) {
                buf = new byte[limit];
            }
        }
    }

    /** A TCP connection or a connected UDP socket. */
    private abstract static class Connection implements AutoCloseable {
        abstract void send(byte[] b, int len) throws IOException;

        /** After the last line: lets the peer read everything. */
        void finish() throws IOException {
        }

        @Override
        public abstract void close() throws IOException;

        static Connection tcp(Target t, int timeoutMillis) throws IOException {
            InetSocketAddress a = new InetSocketAddress(t.host(), t.port());
            if (a.isUnresolved()) {
                throw new UnknownHostException(t.host());
            }
            Socket s = new Socket();
            try {
                s.connect(a, timeoutMillis);
                s.setTcpNoDelay(true); // a paced line goes when it is due
            } catch (IOException e) {
                s.close();
                throw e;
            }
            OutputStream out = s.getOutputStream();
            return new Connection() {
                @Override
                void send(byte[] b, int len) throws IOException {
                    out.write(b, 0, len);
                }

                @Override
                void finish() throws IOException {
                    s.shutdownOutput();
                    // wait (a little) for the peer to close its side: it has then read everything, and
                    // closing does not reset a connection with data the peer sent unread
                    s.setSoTimeout(2000);
                    byte[] sink = new byte[4096];
                    try {
                        InputStream in = s.getInputStream();
                        while (in.read(sink) >= 0) {
                            // what the peer sends is not used
                        }
                    } catch (IOException e) {
                        // the peer keeps its side open or resets it: everything was written
                    }
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        static Connection udp(Target t) throws IOException {
            InetSocketAddress a = new InetSocketAddress(t.host(), t.port());
            if (a.isUnresolved()) {
                throw new UnknownHostException(t.host());
            }
            DatagramSocket s = new DatagramSocket();
            try {
                s.connect(a); // so that an ICMP "port unreachable" is told to a later send
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            DatagramPacket p = new DatagramPacket(new byte[0], 0);
            return new Connection() {
                @Override
                void send(byte[] b, int len) throws IOException {
                    if (len > MAX_DATAGRAM) {
                        throw new IOException("a line of " + (len - 2) + " bytes is longer than a UDP datagram holds ("
                                + MAX_DATAGRAM + " bytes)");
                    }
                    p.setData(b, 0, len);
                    s.send(p);
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }
    }
}
