package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters each route takes, read from the API's own description ({@code openapi.json}
 * and {@code openapi-incidents.json}), so that a request naming one the route does not take gets a
 * 400 naming it: a misspelt filter ({@code /api/events?kinds=gap} for {@code kind}) would otherwise
 * be ignored and the answer would look like the filtered one. Routes the description does not list
 * are not checked.
 */
final class QueryParameters {
    /**
     * The list parameters, which may be given several times (their values are joined, as one
     * comma-separated value): the event kinds and the vessel filters, as {@code watchkeeper query events}'
     * {@code --kind}, {@code --shiptype}, {@code --flag} and {@code --class} may be.
     */
    static final java.util.List<String> LIST_NAMES = java.util.List.of("kind", "shiptype", "flag", "class");

    /** {@link #LIST_NAMES} as a set. */
    static final Set<String> LISTS = Set.copyOf(LIST_NAMES);

    /** The API's routes, read once. */
    static final QueryParameters API = new QueryParameters();

    /** {@code METHOD /path/{param}} to the names of its query parameters. */
    private final Map<String, Set<String>> byRoute = new HashMap<>();

    QueryParameters() {
        read("openapi.json");
        read("openapi-incidents.json");
    }

    private void read(String resource) {
        try (InputStream in = QueryParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            JsonNode doc = Rows.JSON.readTree(in);
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                Set<String> names = new LinkedHashSet<>();
                for (JsonNode param : m.getValue().path("parameters")) {
                    if (param.path("in").asText().equals("query")) {
                        names.add(param.path("name").asText());
                    }
                }
                byRoute.put(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), names);
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that a raw query string decodes: every {@code %} begins an escape of two hex digits, and the
     * bytes the escapes give are UTF-8. Javalin drops a parameter whose name or value does not decode
     * ({@code bbox=%zz} arrived as no bbox, and the answer was the unfiltered one).
     *
     * @param raw the query string as sent, or null
     * @throws Api.BadRequest naming the first parameter that does not decode and why
     */
    static void checkEncoding(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return; // nothing escaped: nothing to decode (every API request comes here)
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String rawName = eq < 0 ? part : part.substring(0, eq);
            String problem = problem(rawName);
            if (problem != null) {
                throw new Api.BadRequest("query parameter name '" + rawName + "': " + problem);
            }
            String name = java.net.URLDecoder.decode(rawName, java.nio.charset.StandardCharsets.UTF_8);
            problem = eq < 0 ? null : problem(part.substring(eq + 1));
            if (problem != null) {
                throw new Api.BadRequest("query parameter '" + name + "': " + problem);
            }
        }
    }

    /** Why a raw query string component does not decode, or null when it does. */
    private static String problem(String raw) {
        if (raw.indexOf('%') < 0) {
            return null;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                // not escaped: taken as it is
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            String escape = raw.substring(i, Math.min(i + 3, raw.length()));
            if (escape.length() < 3 || !hex(escape.charAt(1)) || !hex(escape.charAt(2))) {
                return "malformed percent-escape '" + escape + "' (a % begins two hex digits, as %2C; a literal % is written %25)";
            }
            bytes.write(Integer.parseInt(escape.substring(1), 16));
            i += 2;
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
        } catch (java.nio.charset.CharacterCodingException e) {
            return "the percent-escapes are not UTF-8 (a character is escaped as the %XX of each of its UTF-8 bytes: é is %C3%A9)";
        }
        return null;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The query parameters of a route ({@code GET /api/events}), or null when the description does not list it. */
    Set<String> of(String method, String routePath) {
        return byRoute.get(method + " " + routePath);
    }

    /**
     * Checks a request's query parameters against its route's.
     *
     * @throws Api.BadRequest naming the first unknown parameter and the ones the route takes, or the
     *         first parameter other than a list ({@link #LISTS}) given more than once
     */
    void check(String method, String routePath, java.util.Map<String, java.util.List<String>> given) {
        check(method, routePath, given, method + " " + routePath);
    }

    /**
     * Checks a request's query parameter names against a route's (an export takes the filters of the
     * list it exports).
     *
     * @param what how the error names the request
     * @throws Api.BadRequest naming the first unknown parameter and the ones that are taken, or the
     *         first parameter other than a list ({@link #LISTS}) given more than once (each takes one value)
     */
    void check(String method, String routePath, java.util.Map<String, java.util.List<String>> given, String what) {
        Set<String> known = of(method.equals("HEAD") ? "GET" : method, routePath);
        if (known == null) {
            return;
        }
        for (var e : given.entrySet()) {
            String g = e.getKey();
            if (!known.contains(g)) {
                throw new Api.BadRequest("unknown query parameter '" + g + "' for " + what + "; "
                        + (known.isEmpty() ? "it takes none" : "known: " + String.join(", ", known)));
            }
            if (e.getValue().size() > 1 && !LISTS.contains(g)) {
                java.util.List<String> lists = LIST_NAMES.stream().filter(known::contains).toList();
                throw new Api.BadRequest("query parameter '" + g + "' is given " + e.getValue().size()
                        + " times for " + what + "; give it once (it takes one value"
                        + (lists.isEmpty() ? ")" : "; of " + what + "'s parameters, " + String.join(", ", lists)
                                + " take several, given again or comma-separated)"));
            }
        }
    }
}
