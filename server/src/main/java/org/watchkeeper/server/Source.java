package org.watchkeeper.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;
import org.watchkeeper.core.pipeline.InputFormat;

/**
 * A named live input: each runs on its own thread and delivers lines to the pipeline.
 *
 * <ul>
 *   <li>{@code tcp://host:port} — client of a feed; reconnects with back-off (1 s doubling to 60 s)
 *       after a refusal or a closed connection.</li>
 *   <li>{@code tcp-listen://:port} (or {@code tcp-listen://address:port}) — a server receivers push
 *       to; up to 256 connections at once, each framed separately.</li>
 *   <li>{@code udp://:port} (or {@code udp://address:port}; 10110 is the port OpenCPN and AIS-catcher send to,
 *       but the port is always given) — each datagram
 *       holds one or more lines; lines are shed (counted) when the pipeline is full.</li>
 *   <li>{@code kafka://host:port[,host:port...]/TOPIC[?group=G&from=earliest|latest]} — a Kafka topic of
 *       NMEA lines ({@link KafkaSource}).</li>
 *   <li>{@code file:PATH[?speed=N]} — replays a log (plain or gzip, known by its content) at N times the pace of
 *       the time the lines carry (tag block {@code c:}, {@code $PGHP} line or epoch trailer; lines
 *       without one go at once after the line before); without {@code speed} as
 *       fast as the pipeline takes it. A file source ends after its last line; after a restart it goes
 *       on after the lines it delivered before ({@link FileSourceProgress}). A file that is no NMEA log by
 *       its start (a MarineCadastre or DMA CSV export, JSON: {@link InputFormat#notNmea}) is not read: the
 *       source stops with an {@link #error()} saying what the file is.</li>
 * </ul>
 */
public abstract class Source implements AutoCloseable {
    protected final String name;
    protected final Pipeline pipeline;
    protected volatile boolean closed;
    protected final AtomicInteger connections = new AtomicInteger();
    protected final LongAdder lines = new LongAdder();
    protected final LongAdder overlong = new LongAdder();
    private volatile String error;
    private volatile long errorMillis;
    private Thread thread;

    protected Source(String name, Pipeline pipeline) {
        this.name = name;
        this.pipeline = pipeline;
    }

    /**
     * The file a {@code NAME=file:PATH[?speed=N]} source replays, as {@link #parse} reads it; null for
     * any other source or a specification without {@code =} (which {@link #parse} refuses).
     */
    public static Path filePath(String spec) {
        int eq = spec.indexOf('=');
        String uri = eq < 0 ? "" : spec.substring(eq + 1).strip();
        if (!uri.startsWith("file:")) {
            return null;
        }
        String path = uri.substring(5);
        int q = path.indexOf('?');
        return Path.of(q < 0 ? path : path.substring(0, q));
    }

    /**
     * The pace of a {@code file:PATH[?speed=N]} URI: N, or 0 (as fast as the pipeline takes it)
     * without a query. {@code speed} is the one parameter a file source takes.
     *
     * @throws IllegalArgumentException for another parameter, {@code speed} given twice, or a speed
     *     that is not a number in (0, 1e6]
     */
    static double fileSpeed(String uri) {
        String value = parameters(uri, List.of("speed"), "a file: source takes one parameter, speed (file:PATH?speed=N)").get("speed");
        if (value == null) {
            return 0;
        }
        double speed;
        try {
            speed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed must be a number, not '" + value + "': " + uri);
        }
        if (!(speed > 0 && speed <= 1e6)) {
            throw new IllegalArgumentException("speed must be > 0 and <= 1e6, not " + value + ": " + uri);
        }
        return speed;
    }

    /**
     * The {@code ?name=value&...} parameters of a source URI, by name ({@code ""} for a name given
     * without {@code =}); none without {@code ?}.
     *
     * @param known the names the source takes
     * @param takes what the source takes, said when another name is given
     * @throws IllegalArgumentException for a name not {@code known}, or one given twice
     */
    static Map<String, String> parameters(String uri, List<String> known, String takes) {
        Map<String, String> out = new HashMap<>();
        int q = uri.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String param : uri.substring(q + 1).split("&", -1)) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException(takes + ", not '" + key + "': " + uri);
            }
            if (out.putIfAbsent(key, eq < 0 ? "" : param.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(key + " is given twice: " + uri);
            }
        }
        return out;
    }

    /**
     * Checks a server's source specifications before anything is opened: each as {@link #parse}
     * reads it, no two with the same name (the name keys each source's counts in
     * {@code /api/stats}, its archived lines and its decoder state), no two listening on the same
     * port of the same protocol, none on the HTTP port, and then every listening source's port
     * bound and released ({@link #probe}).
     *
     * @param httpPort the server's HTTP port (TCP, all addresses), 0 for any free one
     * @throws IllegalArgumentException with the first fault found in the specifications
     * @throws IllegalStateException when a listening source's port cannot be bound
     */
    public static void checkAll(List<String> specs, int httpPort) {
        Map<String, String> byName = new HashMap<>();
        List<Source> parsed = new ArrayList<>();
        for (String spec : specs) {
            Source s = parse(spec, null);
            String before = byName.putIfAbsent(s.name(), spec);
            if (before != null) {
                throw new IllegalArgumentException("two sources are named '" + s.name() + "' (" + before + " and " + spec
                        + "); give each its own name");
            }
            parsed.add(s);
        }
        for (int i = 0; i < parsed.size(); i++) {
            Source a = parsed.get(i);
            InetSocketAddress at = a.listensOn();
            if (at == null || at.getPort() == 0) {
                continue;
            }
            if (a instanceof TcpListenSource && at.getPort() == httpPort) {
                throw new IllegalArgumentException("source " + a.name() + " would listen on TCP port " + httpPort
                        + ", the server's HTTP port (--port); give one of them another port");
            }
            for (Source b : parsed.subList(0, i)) {
                InetSocketAddress bt = b.listensOn();
                if (bt != null && a.getClass() == b.getClass() && bt.getPort() == at.getPort() && overlap(at, bt)) {
                    throw new IllegalArgumentException("sources " + b.name() + " and " + a.name() + " would both listen on "
                            + (a instanceof UdpSource ? "UDP" : "TCP") + " port " + at.getPort() + "; give each its own port");
                }
            }
        }
        for (Source s : parsed) {
            s.probe();
        }
    }

    /** Whether two bindings of one port clash: either on all addresses, or both on the same one. */
    private static boolean overlap(InetSocketAddress a, InetSocketAddress b) {
        if (a.getAddress() == null || b.getAddress() == null) { // unresolved: their probes will say
            return a.getHostString().equalsIgnoreCase(b.getHostString());
        }
        return a.getAddress().isAnyLocalAddress() || b.getAddress().isAnyLocalAddress() || a.getAddress().equals(b.getAddress());
    }

    /**
     * The address a listening source binds ({@code tcp-listen://}, {@code udp://}); null for a
     * source that does not listen. A host that does not resolve is left unresolved, for
     * {@link #probe} to report.
     */
    InetSocketAddress listensOn() {
        return null;
    }

    /**
     * Binds a TCP server socket to {@code address} (as a listener will, with address reuse) and
     * releases it: tells whether a port is free before a long start.
     *
     * @throws IOException when it cannot be bound (in use, not permitted)
     */
    static void probeTcp(InetSocketAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        }
    }

    /**
     * Binds and releases the port a listening source will take, so that a port in use is said before
     * the server opens its data folder.
     *
     * @throws IllegalStateException when the port cannot be bound, with the source and the reason
     */
    void probe() {
    }

    /**
     * Parses {@code NAME=URI} as given on the command line.
     *
     * @throws IllegalArgumentException with what was wrong
     */
    public static Source parse(String spec, Pipeline pipeline) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("a source is NAME=URI, e.g. feed=tcp://localhost:4001: " + spec);
        }
        String name = spec.substring(0, eq).strip();
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a source name is 1-64 letters, digits, '_', '.' or '-': " + name);
        }
        String uri = spec.substring(eq + 1).strip();
        if (uri.startsWith("file:")) {
            return new FileSource(name, pipeline, filePath(spec), fileSpeed(uri));
        }
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("not a source URI (kind://host:port or file:path): " + uri);
        }
        String scheme = uri.substring(0, sep);
        if (scheme.equals("kafka")) {
            return KafkaSource.of(name, pipeline, uri);
        }
        Address a = address(uri, uri.substring(sep + 3));
        int port = a.port();
        String host = a.host();
        switch (scheme) {
            case "tcp":
                if (host == null || port < 1) {
                    throw new IllegalArgumentException("tcp://host:port needs a host and a port: " + uri);
                }
                return new TcpClientSource(name, pipeline, host, port);
            case "tcp-listen":
                if (port < 0) {
                    throw new IllegalArgumentException(needsPort("tcp-listen", "5631", uri));
                }
                return new TcpListenSource(name, pipeline, host, port);
            case "udp":
                if (port < 0) {
                    throw new IllegalArgumentException(needsPort("udp", "10110", uri));
                }
                return new UdpSource(name, pipeline, host, port);
            default:
                throw new IllegalArgumentException("unknown source kind '" + scheme
                        + "' (tcp://, tcp-listen://, udp://, kafka://, file:): " + uri);
        }
    }

    /**
     * Why a listening source's URI without a port is refused, naming the form it takes: a listener has no
     * port of its own to assume ({@code tcp-listen://:port needs a port (tcp-listen://[address]:port, e.g.
     * tcp-listen://:5631 on every interface): tcp-listen://localhost}).
     */
    private static String needsPort(String scheme, String example, String uri) {
        return scheme + "://:port needs a port (" + scheme + "://[address]:port, e.g. " + scheme + "://:" + example
                + " on every interface): " + uri;
    }

    /** Host ({@code null} when not given) and port ({@code -1} when not given) of a source URI. */
    record Address(String host, int port) {
    }

    /**
     * The host and port of {@code rest}, what follows {@code kind://}: {@code [host][:port]}, the host
     * a name, an IPv4 address or an IPv6 address in brackets, then nothing or a path. Both may be
     * left out ({@code tcp-listen://:10110} listens on every interface).
     *
     * @throws IllegalArgumentException for a port that is not a number from 0 to 65535
     */
    static Address address(String uri, String rest) {
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = rest.substring(0, end);
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("an IPv6 host needs its closing ']': " + uri);
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("not a host:port: " + uri);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        int p = -1;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("the port must be a number from 0 to 65535, not '" + port + "': " + uri);
            }
            p = Integer.parseInt(port);
        }
        return new Address(host.isEmpty() ? null : host, p);
    }

    /** The configured name. */
    public String name() {
        return name;
    }

    /** {@code tcp}, {@code tcp-listen}, {@code udp}, {@code kafka}, {@code file} or {@code simulator}. */
    public abstract String kind();

    /** The local port a listening source ({@code tcp-listen}, {@code udp}) has bound, or -1 (not bound yet, or not listening). */
    public int listeningPort() {
        return -1;
    }

    /** What a person reads to know the source: a file source's path and pace; null for others (their kind and port say it). */
    public String describe() {
        return null;
    }

    /** Whether the source is connected / listening / reading. */
    public abstract boolean up();

    /** Connections open now: to the feed for {@code tcp://} (0 or 1), from receivers for {@code tcp-listen://}; 0 for others. */
    public int connections() {
        return connections.get();
    }

    /** Connections a {@code tcp-listen://} source refused for having too many open; 0 for others. */
    public long refusedConnections() {
        return 0;
    }

    /** Lines delivered to the pipeline. */
    public long lines() {
        return lines.sum();
    }

    /**
     * Whether the source has delivered all it ever will: a {@code file:} source read to its end
     * (its {@link #up()} is then false with no {@link #error()}); false for the others.
     */
    public boolean finished() {
        return false;
    }

    /**
     * Lines a {@code file:} source passed over at its start as delivered before a restart (see
     * {@code FileSourceProgress}); 0 for the others. {@link #lines()} counts the lines after them.
     */
    public long linesReadBefore() {
        return 0;
    }

    /**
     * Lines of this source dropped as longer than {@link LineFramer#MAX_LINE} since the start (the pipeline's
     * {@code line_too_long} rejections also count those of earlier runs, from the raw archive).
     */
    public long overlong() {
        return overlong.sum();
    }

    /**
     * What keeps the source from delivering now (e.g. {@code cannot connect to ais.example:4001:
     * Connection refused}), or null while it works; cleared when a connection is made again.
     */
    public String error() {
        return error;
    }

    /** When {@link #error()} was last seen, epoch milliseconds (server clock); 0 when there is none. */
    public long errorTime() {
        return error == null ? 0 : errorMillis;
    }

    /**
     * Records a fault and says it on stderr when it differs from the fault before (a feed refusing
     * every minute is said once).
     *
     * @param what the fault, without retry timings
     * @param then what happens next (e.g. {@code retrying in 4 s}), said with the first report only
     */
    protected void failed(String what, String then) {
        errorMillis = System.currentTimeMillis();
        if (!what.equals(error)) {
            error = what;
            System.err.println("source " + name + ": " + what + (then == null ? "" : "; " + then));
        }
    }

    /** Clears the fault, saying {@code what} on stderr if there was one. */
    protected void recovered(String what) {
        if (error != null) {
            error = null;
            System.err.println("source " + name + ": " + what);
        }
    }

    /** Starts the source thread. */
    public void start() {
        thread = new Thread(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                if (!closed) {
                    failed(String.valueOf(e.getMessage()), "the source has stopped");
                }
            }
        }, "source-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    protected abstract void run() throws IOException, InterruptedException;

    /** Waits for the source thread to end (file sources end by themselves). */
    public void join(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    /** Reads one connection's stream into the pipeline until it ends; blocks when the pipeline is full. */
    protected void pump(InputStream in) throws IOException, InterruptedException {
        pump(in, 0, null, null, 0);
    }

    /**
     * {@link #pump(InputStream)}, passing over the first {@code skip} lines (those a file source
     * delivered before a restart) and, with {@code speed > 0}, giving each line that carries a time
     * (tag block {@code c:}, {@code $PGHP}, epoch trailer) when that time is due at {@code speed}
     * times the pace of the stream's first such time. {@code lastSkipped}, when not null, is the line
     * delivered last before the restart (the archive's last line of this source): when the last line
     * passed over differs from it but begins with it, that line was still being written when it was
     * read before, so only its beginning was delivered; it is delivered now whole, after
     * {@code beforeRedelivery} (may be null) has run (it records that the part archived is no line of
     * the file).
     */
    protected void pump(InputStream in, long skip, byte[] lastSkipped, Runnable beforeRedelivery, double speed)
            throws IOException, InterruptedException {
        byte[] buf = new byte[1 << 16];
        InterruptedException[] stop = new InterruptedException[1];
        long[] passed = {0};
        long[] first = {Long.MIN_VALUE, 0}; // the first line time and when it went, System.nanoTime()
        // lines too long among those passed over were counted (and archived) before the restart: not again
        long[] passedOverTooLong = {0};
        LineFramer[] framer = new LineFramer[1];
        LineFramer f = new LineFramer(b -> {
            if (stop[0] != null) {
                return;
            }
            if (passed[0] < skip) {
                passed[0]++;
                if (passed[0] == skip) {
                    passedOverTooLong[0] = framer[0].overlong();
                }
                if (passed[0] < skip || !completedSince(lastSkipped, b)) {
                    return;
                }
                System.err.println("source " + name + ": line " + skip + " was still being written when it was read before;"
                        + " reading it again whole");
                if (beforeRedelivery != null) {
                    beforeRedelivery.run();
                }
            }
            try {
                if (speed > 0) {
                    pace(b, speed, first);
                }
                deliver(b, System.currentTimeMillis());
            } catch (InterruptedException e) {
                stop[0] = e;
            }
        });
        framer[0] = f;
        long before = 0;
        int n;
        while (!closed && (n = in.read(buf)) >= 0) {
            f.feed(buf, 0, n);
            before = countTooLong(f, before, passed[0] < skip ? f.overlong() : passedOverTooLong[0]);
            if (stop[0] != null) {
                throw stop[0];
            }
        }
        f.endLine();
        countTooLong(f, before, passed[0] < skip ? f.overlong() : passedOverTooLong[0]);
    }

    /**
     * Counts the lines {@code f} dropped as too long since {@code counted} of them were, leaving out the
     * first {@code notAgain} (counted before a restart), through {@link #tooLong}.
     *
     * @return the framer's count, counted now
     */
    private long countTooLong(LineFramer f, long counted, long notAgain) {
        tooLong(f.overlong() - Math.max(counted, notAgain));
        return f.overlong();
    }

    /**
     * Counts {@code n} lines of this source dropped as too long ({@link #overlong()}), and has the pipeline
     * count them as rejected {@code line_too_long} and record them in the raw archive
     * ({@link Pipeline#lineTooLong}); nothing for {@code n <= 0}.
     */
    protected final void tooLong(long n) {
        if (n <= 0) {
            return;
        }
        overlong.add(n);
        if (pipeline != null) {
            pipeline.lineTooLong(name, n);
        }
    }

    /**
     * Tells the pipeline that this source's stream ended ({@link Pipeline#endOfStream}), unless the source is
     * being stopped ({@link #close}): a stop is not the end of the input, the next start goes on from the
     * raw archive.
     */
    protected final void streamEnded() throws InterruptedException {
        if (!closed && pipeline != null) {
            pipeline.endOfStream(name);
        }
    }

    /** Whether {@code now} is {@code before} completed: longer, and beginning with all of it. */
    static boolean completedSince(byte[] before, byte[] now) {
        return before != null && now.length > before.length
                && java.util.Arrays.equals(now, 0, before.length, before, 0, before.length);
    }

    /** Waits until the time {@code line} carries is due (see {@link #pump(InputStream, long, byte[], Runnable, double)}). */
    private static void pace(byte[] line, double speed, long[] first) throws InterruptedException {
        long t = LineTime.of(line);
        if (t == Long.MIN_VALUE) {
            return;
        }
        if (first[0] == Long.MIN_VALUE) {
            first[0] = t;
            first[1] = System.nanoTime();
            return;
        }
        long wait = first[1] + (long) ((t - first[0]) * 1e6 / speed) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Gives one line to the pipeline, waiting while it is full, and counts it. */
    protected void deliver(byte[] line, long receivedMillis) throws InterruptedException {
        pipeline.sink().offer(new RawLine(name, receivedMillis, line), true);
        lines.increment();
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Waits up to {@code millis} for the source's thread to end by itself (after a close that asked it to),
     * before {@link #close} interrupts it: a source with a last thing to do at stop (a Kafka source's commit)
     * does it undisturbed. @return whether the thread has ended
     */
    protected boolean awaitEnd(long millis) {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return t == null;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** TCP client with reconnect and back-off. */
    static final class TcpClientSource extends Source {
        private final String host;
        private final int port;
        private volatile Socket socket;

        TcpClientSource(String name, Pipeline p, String host, int port) {
            super(name, p);
            this.host = host;
            this.port = port;
        }

        @Override
        public String kind() {
            return "tcp";
        }

        @Override
        public boolean up() {
            return connections.get() > 0;
        }

        @Override
        protected void run() throws InterruptedException {
            long backoff = 1000;
            String where = host + ":" + port;
            while (!closed) {
                boolean connected = false;
                try (Socket s = new Socket()) {
                    socket = s;
                    s.connect(new InetSocketAddress(host, port), 10_000);
                    connected = true;
                    connections.incrementAndGet();
                    backoff = 1000;
                    recovered("connected to " + where);
                    try {
                        pump(s.getInputStream());
                    } finally {
                        connections.decrementAndGet();
                        streamEnded();
                    }
                    if (!closed) {
                        failed(where + " closed the connection", "reconnecting in " + backoff / 1000 + " s");
                    }
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    String why = e instanceof java.net.UnknownHostException ? "unknown host " + host : e.getMessage();
                    failed(connected ? "connection to " + where + " lost: " + why : "cannot connect to " + where + ": " + why,
                            (connected ? "reconnecting in " : "retrying in ") + backoff / 1000 + " s, then at most every 60 s");
                }
                Thread.sleep(backoff);
                backoff = Math.min(60_000, backoff * 2);
            }
        }

        @Override
        public void close() {
            super.close();
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** TCP server that receivers push to ({@code tcp-listen://host:port}); {@link #port()} tells the bound port. */
    public static final class TcpListenSource extends Source {
        /**
         * Connections open at once at most; more are closed as they come (each open connection holds
         * a thread and a 64 KB buffer).
         */
        static final int MAX_CONNECTIONS = 256;
        private final String host;
        private final int port;
        private volatile ServerSocket server;
        private final LongAdder refused = new LongAdder();

        TcpListenSource(String name, Pipeline p, String host, int port) {
            super(name, p);
            this.host = host;
            this.port = port;
        }

        @Override
        public String kind() {
            return "tcp-listen";
        }

        @Override
        public boolean up() {
            return server != null && !server.isClosed();
        }

        @Override
        public long refusedConnections() {
            return refused.sum();
        }

        /** The bound port (useful with port 0), or -1 before binding. */
        public int port() {
            ServerSocket s = server;
            return s == null ? -1 : s.getLocalPort();
        }

        @Override
        public int listeningPort() {
            return port();
        }

        @Override
        void probe() {
            if (port == 0) {
                return;
            }
            try {
                probeTcp(address());
            } catch (IOException e) {
                throw new IllegalStateException("source " + name + " cannot listen on TCP port " + port + ": " + e.getMessage(), e);
            }
        }

        @Override
        InetSocketAddress listensOn() {
            return address();
        }

        private InetSocketAddress address() {
            return host == null || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        /** Binds now, so that the port is known before {@link #start()} returns. */
        @Override
        public void start() {
            try {
                server = new ServerSocket();
                server.bind(address());
            } catch (IOException e) {
                throw new IllegalStateException("source " + name + " cannot listen on TCP port " + port + ": " + e.getMessage(), e);
            }
            super.start();
        }

        @Override
        protected void run() throws IOException {
            while (!closed) {
                Socket s = server.accept();
                if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                    connections.decrementAndGet();
                    refused.increment();
                    s.close();
                    if (refused.sum() == 1) {
                        System.err.println("source " + name + ": refused a connection from " + s.getRemoteSocketAddress() + ": "
                                + MAX_CONNECTIONS + " are open (the most a listening source takes); later refusals are counted"
                                + " in /api/stats");
                    }
                    continue;
                }
                Thread t = new Thread(() -> {
                    try (s) {
                        pump(s.getInputStream());
                    } catch (IOException | InterruptedException e) {
                        // connection ended
                    } finally {
                        // the connections are one stream (one decoder, one stray-time check): it ends when the
                        // last one closes, not while another is half-way through a multi-sentence message
                        if (connections.decrementAndGet() == 0) {
                            try {
                                streamEnded();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }, "source-" + name + "-" + s.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            }
        }

        @Override
        public void close() {
            super.close();
            try {
                if (server != null) {
                    server.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** UDP listener. */
    static final class UdpSource extends Source {
        private final String host;
        private final int port;
        private volatile DatagramSocket socket;

        UdpSource(String name, Pipeline p, String host, int port) {
            super(name, p);
            this.host = host;
            this.port = port;
        }

        @Override
        public String kind() {
            return "udp";
        }

        @Override
        public boolean up() {
            return socket != null && !socket.isClosed();
        }

        /** The bound port, or -1 before binding. */
        public int port() {
            DatagramSocket s = socket;
            return s == null ? -1 : s.getLocalPort();
        }

        @Override
        public int listeningPort() {
            return port();
        }

        @Override
        void probe() {
            if (port == 0) {
                return;
            }
            try (DatagramSocket probe = bind()) {
                // bound and released
            } catch (IOException e) {
                throw new IllegalStateException("source " + name + " cannot listen on UDP port " + port + ": " + e.getMessage(), e);
            }
        }

        @Override
        InetSocketAddress listensOn() {
            return host == null || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        private DatagramSocket bind() throws IOException {
            DatagramSocket d = new DatagramSocket(listensOn());
            try {
                // a larger kernel buffer rides out bursts the reader is slow to take; the system caps it
                // (net.core.rmem_max, often 208 KiB or 4 MiB): receiveBufferBytes says what was granted
                d.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            } catch (IOException e) {
                // the system's default buffer then
            }
            return d;
        }

        /** The kernel receive buffer asked of a UDP source's socket, bytes. */
        static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

        /** The kernel receive buffer the socket has, bytes (the system may grant less than asked, or double it), or -1 before binding. */
        public int receiveBufferBytes() {
            DatagramSocket s = socket;
            try {
                return s == null ? -1 : s.getReceiveBufferSize();
            } catch (IOException e) {
                return -1;
            }
        }

        /**
         * Datagrams the system dropped for this source's socket before the server read them (its buffer was
         * full), as Linux counts them in the last column, {@code drops}, of {@code /proc/net/udp} and
         * {@code /proc/net/udp6} for sockets bound to the source's port; -1 where the system does not say
         * (not Linux, or not bound yet). UDP has no flow control: these are lines lost unseen by the server.
         */
        public long kernelDrops() {
            int bound = port();
            if (bound <= 0) {
                return -1;
            }
            long drops = -1;
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                Long d = ProcNetUdp.drops(java.nio.file.Path.of(table), bound);
                if (d != null) {
                    drops = Math.max(drops, 0) + d;
                }
            }
            return drops;
        }

        @Override
        public void start() {
            try {
                socket = bind();
            } catch (IOException e) {
                throw new IllegalStateException("source " + name + " cannot listen on UDP port " + port + ": " + e.getMessage(), e);
            }
            super.start();
        }

        @Override
        protected void run() throws IOException, InterruptedException {
            byte[] buf = new byte[65_536];
            DatagramPacket pkt = new DatagramPacket(buf, buf.length);
            LineFramer f = new LineFramer(b -> {
                try {
                    if (pipeline.sink().offer(new RawLine(name, System.currentTimeMillis(), b), false)) {
                        lines.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long before = 0;
            while (!closed) {
                socket.receive(pkt);
                f.feed(buf, 0, pkt.getLength());
                f.endLine();
                tooLong(f.overlong() - before);
                before = f.overlong();
            }
        }

        @Override
        public void close() {
            super.close();
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** File replay at real or accelerated pace. */
    static final class FileSource extends Source {
        private final Path path;
        private final double speed;
        private volatile boolean reading;
        private volatile boolean finished;
        /** Lines delivered before a restart, passed over (see {@link FileSourceProgress}). */
        private volatile long skip;
        /** The last line delivered before a restart, or null (see {@link #pump(InputStream, long, byte[], Runnable, double)}). */
        private volatile byte[] lastSkipped;
        private volatile Runnable beforeRedelivery;

        FileSource(String name, Pipeline p, Path path, double speed) {
            super(name, p);
            this.path = path;
            this.speed = speed;
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("source " + name + ": cannot read " + path);
            }
        }

        @Override
        public String describe() {
            return path + (speed > 0 ? " at " + (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "x"
                    : "");
        }

        @Override
        public String kind() {
            return "file";
        }

        /** The file replayed. */
        Path path() {
            return path;
        }

        /**
         * Passes over the first {@code lines} lines of the file (call before {@link #start()}), the last
         * of which was delivered as {@code lastDelivered} (null when not known): when that line has been
         * completed since, {@code beforeRedelivery} runs and it is delivered again whole.
         */
        void skipLines(long lines, byte[] lastDelivered, Runnable beforeRedelivery) {
            this.skip = lines;
            this.lastSkipped = lastDelivered;
            this.beforeRedelivery = beforeRedelivery;
        }

        @Override
        public long linesReadBefore() {
            return skip;
        }

        @Override
        public boolean up() {
            return reading;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        protected void run() throws IOException, InterruptedException {
            reading = true;
            try (InputStream raw = Files.newInputStream(path);
                 InputStream in = markable(gunzipIfCompressed(new java.io.BufferedInputStream(raw, 1 << 16)))) {
                String refused = refusal(path, in);
                if (refused != null) {
                    // said once, before a line is archived: a CSV export read as NMEA would fill the archive
                    // with rejected lines and look like a working source
                    failed(refused, null);
                    return;
                }
                pump(in, skip, lastSkipped, beforeRedelivery, speed);
                finished = !closed;
                if (finished && skip > 0 && lines() == 0) {
                    System.err.println("source " + name + ": nothing in " + path + " after the " + skip
                            + " lines read before this start");
                }
            } catch (IOException e) {
                // a truncated gzip, a disk error: the lines before it are kept; say which file and how far
                throw new IOException("reading " + path + ": " + e.getMessage() + " (the " + lines()
                        + " lines delivered before it are kept)", e);
            } finally {
                reading = false;
                streamEnded();
            }
        }

        /** {@code in}, buffered when it does not support mark and reset. */
        private static InputStream markable(InputStream in) {
            return in.markSupported() ? in : new java.io.BufferedInputStream(in, 1 << 16);
        }

        /**
         * Why the log {@code in} starts is not replayed, or null when it is an NMEA 0183 log as far as its first
         * {@link InputFormat#SNIFF_BYTES} (decompressed) tell ({@link InputFormat#notNmea}): a CSV export
         * ({@code analyze} reads those), or content without a sentence (JSON, a binary file). Reads them and
         * resets {@code in} (which supports mark); a read that fails part-way judges what came before it, and
         * the replay then meets the fault itself.
         *
         * @return e.g. {@code /data/AISdata.csv.gz is a MarineCadastre CSV export; serve's sources take NMEA 0183
         *     AIS sentences: use watchkeeper analyze /data/AISdata.csv.gz for it (nothing of it was read)}
         */
        static String refusal(Path path, InputStream in) throws IOException {
            InputFormat.Refusal r = InputFormat.refusal(in);
            if (r == null) {
                return null;
            }
            return path + " " + r.what() + "; serve's sources take NMEA 0183 AIS sentences"
                    + (r.csv() ? ": use watchkeeper analyze " + path + " for it" : "") + " (nothing of it was read)";
        }

        /** The stream, decompressed when it starts with the gzip magic bytes 1f 8b (RFC 1952), whatever the file's name. */
        static InputStream gunzipIfCompressed(java.io.BufferedInputStream in) throws IOException {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        }
    }
}
