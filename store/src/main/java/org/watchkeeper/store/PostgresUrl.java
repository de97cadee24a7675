package org.watchkeeper.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL PostgreSQL is reached at, a JDBC URL ({@value #FORM}), checked before anything connects: a URL
 * the driver does not take is named as such, rather than the driver's "No suitable driver". A libpq
 * connection string, as {@code psql} and most PostgreSQL tools take it ({@code postgres://user@host/db} or
 * {@code host=... dbname=...}), is converted to the JDBC URL it means, for the message to suggest.
 */
public final class PostgresUrl {
    /** The form of the URL. */
    public static final String FORM = "jdbc:postgresql://host:port/database";
    /** PostgreSQL's port unless one is given. */
    public static final int DEFAULT_PORT = 5432;

    private static final String PREFIX = "jdbc:postgresql:";

    private PostgresUrl() {
    }

    /**
     * Where a JDBC URL points.
     *
     * @param host     the (first) host
     * @param port     its port
     * @param address  every {@code host:port}, comma-separated (one, unless the URL lists several)
     * @param database the database; null when the URL names none (the driver then takes the user's name)
     */
    public record Endpoint(String host, int port, String address, String database) {
    }

    /**
     * A libpq connection string as the JDBC URL it means.
     *
     * @param jdbcUrl  the JDBC URL
     * @param user     the user the string named, or null
     * @param password the password it held, or null (never part of the text form)
     */
    public record Converted(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Converted[jdbcUrl=" + PostgresHistoryStore.redactedUrl(jdbcUrl) + ", user=" + user
                    + (password == null ? "" : ", password=***") + "]";
        }
    }

    /**
     * What is wrong with {@code url} as a JDBC URL of PostgreSQL, in a few words (e.g. "is not a JDBC URL",
     * "port abc is not a number from 1 to 65535"); null when the driver takes it.
     */
    public static String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is empty";
        }
        if (!url.startsWith(PREFIX)) {
            return "is not a JDBC URL";
        }
        String rest = url.substring(PREFIX.length());
        if (rest.startsWith("//")) {
            String afterSlashes = rest.substring(2);
            int slash = afterSlashes.indexOf('/');
            int query = afterSlashes.indexOf('?');
            if (slash < 0 || (query >= 0 && query < slash)) {
                return "has no / after the host and port";
            }
            for (String hostPort : afterSlashes.substring(0, slash).split(",", -1)) {
                String port = null;
                String host = hostPort;
                if (hostPort.startsWith("[")) {
                    int close = hostPort.indexOf(']');
                    if (close < 0) {
                        return "has an IPv6 address without its closing ]";
                    }
                    host = hostPort.substring(0, close + 1);
                    if (close + 1 < hostPort.length()) {
                        if (hostPort.charAt(close + 1) != ':') {
                            return "has something other than :port after the address " + host;
                        }
                        port = hostPort.substring(close + 2);
                    }
                } else if (hostPort.indexOf(':') >= 0) {
                    host = hostPort.substring(0, hostPort.indexOf(':'));
                    port = hostPort.substring(hostPort.indexOf(':') + 1);
                }
                if (host.isEmpty()) {
                    return "has no host";
                }
                if (port != null && !validPort(port)) {
                    return "has a port that is not a number from 1 to 65535: " + port;
                }
            }
        }
        if (org.postgresql.Driver.parseURL(url, null) == null) {
            return "is not a JDBC URL the PostgreSQL driver takes";
        }
        return null;
    }

    private static boolean validPort(String port) {
        if (!port.matches("[0-9]{1,5}")) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    /**
     * Checks a JDBC URL before it is connected to.
     *
     * @param user the user it is connected as (a converted libpq string that names another is suggested with it)
     * @throws IllegalArgumentException when the driver would not take it: the message names the form, and the
     *                                  JDBC URL a libpq connection string means
     */
    public static void check(String url, String user) {
        String problem = problem(url);
        if (problem == null) {
            return;
        }
        String shown = PostgresHistoryStore.redactedUrl(url);
        if (url != null && url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the PostgreSQL JDBC URL " + shown + " " + problem + " (the form is " + FORM + ")");
        }
        Optional<Converted> c = convert(url, user);
        throw new IllegalArgumentException("the PostgreSQL URL must be a JDBC URL " + FORM + (url == null || url.isBlank() ? "" : ", not " + shown)
                + c.map(x -> "; as a JDBC URL that is " + x.jdbcUrl()
                        + (x.user() != null && !x.user().equals(user) ? " with user " + x.user() : "")).orElse(""));
    }

    /** {@code scheme://[user[:password]@][host[:port][,host[:port]...]][/database][?key=value&...]} */
    private static final Pattern URI = Pattern.compile(
            "(?i:postgres(?:ql)?|jdbc:postgres)://(?:([^@/?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?");
    /** {@code host[:port]/database} without a scheme. */
    private static final Pattern BARE = Pattern.compile("([A-Za-z0-9.-]+)(?::([0-9]+))?/([A-Za-z0-9_$-]+)");
    /** One {@code key=value} of a libpq keyword/value string; the value bare or in single quotes. */
    private static final Pattern KEYWORD = Pattern.compile("\\s*([a-z_]+)\\s*=\\s*('((?:[^'\\\\]|\\\\.)*)'|[^\\s']*)");

    /**
     * The JDBC URL a libpq connection string means: a URI ({@code postgres://} or {@code postgresql://}, also
     * {@code jdbc:postgres://}), a keyword/value string ({@code host=db port=5432 dbname=ais user=bob}) or a bare
     * {@code host:port/database}. As libpq, the port is 5432 unless given, the host localhost, and the database
     * the user's name unless given. The user and password the string names are given apart (the JDBC URL takes
     * neither); its other parameters are kept, {@code connect_timeout} and {@code application_name} under their
     * JDBC names.
     *
     * @param user the user connected as unless the string names one (the default database's name)
     * @return empty when the string is none of those, or names something a JDBC URL cannot (a Unix socket)
     */
    public static Optional<Converted> convert(String url, String user) {
        if (url == null) {
            return Optional.empty();
        }
        String s = url.strip();
        Matcher m = URI.matcher(s);
        if (m.matches()) {
            String userInfo = m.group(1);
            String uriUser = null;
            String password = null;
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                uriUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (m.group(4) != null && !m.group(4).isEmpty()) {
                for (String kv : m.group(4).split("&")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        params.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
                    }
                }
            }
            String hosts = m.group(2);
            String database = m.group(3) == null || m.group(3).isEmpty() ? null : decode(m.group(3));
            return build(hosts.isEmpty() ? null : decode(hosts), null, database, uriUser, password, params, user);
        }
        Matcher b = BARE.matcher(s);
        if (b.matches()) {
            return build(b.group(1), b.group(2), b.group(3), null, null, new LinkedHashMap<>(), user);
        }
        if (s.matches("[a-z_]+\\s*=.*") && !s.contains("://")) {
            Map<String, String> params = new LinkedHashMap<>();
            Matcher k = KEYWORD.matcher(s);
            int at = 0;
            while (at < s.length() && k.find(at) && k.start() == at) {
                String v = k.group(3) != null ? k.group(3).replaceAll("\\\\(.)", "$1") : k.group(2);
                params.put(k.group(1), v);
                at = k.end();
                while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                    at++;
                }
            }
            if (at < s.length()) {
                return Optional.empty();
            }
            String host = params.remove("host");
            String port = params.remove("port");
            String database = params.remove("dbname");
            String kvUser = params.remove("user");
            String password = params.remove("password");
            return build(host, port, database, kvUser, password, params, user);
        }
        return Optional.empty();
    }

    /** The JDBC URL of the parts of a libpq string; {@code port} applies to every host without one. */
    private static Optional<Converted> build(String hosts, String port, String database, String user, String password,
            Map<String, String> params, String fallbackUser) {
        Map<String, String> rest = new LinkedHashMap<>(params);
        // parameters that say what the URI's parts say (libpq takes either)
        hosts = or(rest.remove("host"), hosts);
        port = or(rest.remove("port"), port);
        database = or(rest.remove("dbname"), database);
        user = or(rest.remove("user"), user);
        password = or(rest.remove("password"), password);
        String[] ports = port == null ? new String[0] : port.split(",", -1);
        List<String> addresses = new ArrayList<>();
        String[] hostList = hosts == null || hosts.isEmpty() ? new String[] {"localhost"} : hosts.split(",", -1);
        for (int i = 0; i < hostList.length; i++) {
            String h = hostList[i].strip();
            String p = ports.length == 0 ? null : ports[Math.min(i, ports.length - 1)].strip();
            if (h.startsWith("/")) {
                return Optional.empty(); // a Unix socket directory: the JDBC driver connects over TCP only
            }
            if (h.isEmpty()) {
                h = "localhost";
            }
            if (!h.startsWith("[")) {
                int colon = h.lastIndexOf(':');
                if (colon > 0 && h.indexOf(':') == colon) {
                    p = h.substring(colon + 1);
                    h = h.substring(0, colon);
                } else if (h.indexOf(':') >= 0) {
                    h = "[" + h + "]"; // a bare IPv6 address
                }
            } else if (h.contains("]:")) {
                p = h.substring(h.indexOf("]:") + 2);
                h = h.substring(0, h.indexOf("]:") + 1);
            }
            if (p != null && !p.isEmpty() && !validPort(p)) {
                return Optional.empty();
            }
            addresses.add(h + ":" + (p == null || p.isEmpty() ? DEFAULT_PORT : p));
        }
        String db = database != null ? database : user != null ? user : fallbackUser;
        StringBuilder url = new StringBuilder(PREFIX + "//").append(String.join(",", addresses)).append('/')
                .append(db == null ? "" : encode(db));
        char sep = '?';
        for (Map.Entry<String, String> e : rest.entrySet()) {
            String key = switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "connect_timeout" -> "connectTimeout";
                case "application_name" -> "ApplicationName";
                default -> e.getKey();
            };
            url.append(sep).append(key).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        if (problem(url.toString()) != null) {
            return Optional.empty();
        }
        return Optional.of(new Converted(url.toString(), user, password));
    }

    /** A database name or parameter value as the URL holds it: percent-encoded but for plain characters. */
    private static String encode(String s) {
        return s.matches("[A-Za-z0-9_.$~,:-]*") ? s
                : java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String or(String first, String second) {
        return first != null ? first : second;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * Where a JDBC URL points.
     *
     * @throws IllegalArgumentException when it is not one the driver takes ({@link #check})
     */
    public static Endpoint endpoint(String jdbcUrl) {
        check(jdbcUrl, null);
        Properties p = org.postgresql.Driver.parseURL(jdbcUrl, null);
        String[] hosts = p.getProperty("PGHOST", "localhost").split(",");
        String[] ports = p.getProperty("PGPORT", Integer.toString(DEFAULT_PORT)).split(",");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            addresses.add(hosts[i] + ":" + ports[Math.min(i, ports.length - 1)]);
        }
        return new Endpoint(hosts[0], Integer.parseInt(ports[0]), String.join(",", addresses), p.getProperty("PGDBNAME"));
    }
}
