package org.watchkeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.watchkeeper.core.incident.AsamImporter;
import org.watchkeeper.core.incident.ImbImporter;
import org.watchkeeper.core.incident.ImportResult;
import org.watchkeeper.core.incident.IncidentJson;
import org.watchkeeper.core.incident.IncidentType;
import org.watchkeeper.core.incident.RecaapCategory;
import org.watchkeeper.core.util.TimeBound;
import org.watchkeeper.server.Accounts;
import org.watchkeeper.server.Exports;
import org.watchkeeper.server.IncidentApi;
import org.watchkeeper.server.IncidentImport;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.IncidentQuery;
import org.watchkeeper.store.IncidentRow;
import org.watchkeeper.store.StoreException;
import org.watchkeeper.store.StoreLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper incidents}: import the public incident datasets into an incident store and list
 * what it holds. The store is a DuckDB history store directory ({@code --db}); the server keeps its
 * incidents in {@code <data>/incidents}, the default here, so that {@code serve --data <data>} shows
 * what was imported (stop the server first: DuckDB lets one process open the file, and {@code import}
 * locks the folder as the server does, {@link org.watchkeeper.store.DataFolderLock}, so it is refused
 * in one line while a server holds it).
 */
@Command(name = "incidents",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Import incident reports (NGA ASAM CSV, IMB-based crime-at-sea CSV) and list them.", ""},
        subcommands = {IncidentsCommand.Import.class, IncidentsCommand.ListCommand.class},
        footer = {"", "Exit codes: 0 done, 1 store or I/O error, 2 usage error.", "", "Examples:",
            "  watchkeeper incidents import --format asam --db wk/incidents \\",
            "      '../shared/data/incidents/nga-asam/ASAM 21 June 22.csv.gz'",
            "  watchkeeper incidents import --format imb --db wk/incidents \\",
            "      ../shared/data/incidents/crime-at-sea/pirate_attacks.csv.gz",
            "  watchkeeper incidents list --db wk/incidents --type hijacking \\",
            "      --from 2020-01-01 --format csv"})
public final class IncidentsCommand implements Runnable {
    static final ObjectMapper JSON = IncidentJson.JSON;

    @Spec
    CommandSpec spec;

    final Main.Streams streams;

    IncidentsCommand(Main.Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: import or list");
    }

    /** Dataset formats. */
    enum Format { asam, imb }

    /**
     * A dataset file that is not valid gzip: named {@code .gz} without gzip's signature, empty, cut short, or
     * corrupt inside (a block or the trailer's CRC-32 or length does not match). Nothing of it is imported.
     */
    static final class NotGzip extends IOException {
        private static final long serialVersionUID = 1L;

        NotGzip(Path file, String why) {
            super(file + " is not valid gzip: " + why + "; nothing was imported");
        }
    }

    /**
     * Opens a dataset file as UTF-8 text, gunzipped when its name ends in {@code .gz} or its content starts
     * with gzip's signature (1f 8b). A gzip stream that fails (empty, cut short, corrupt) throws
     * {@link NotGzip} naming the file, also from a later read.
     */
    static Reader open(Path file) throws IOException {
        // pushed back rather than buffered: a BufferedInputStream asks available(), which a named pipe refuses ("Illegal seek")
        java.io.PushbackInputStream raw = new java.io.PushbackInputStream(Files.newInputStream(file), 2);
        int b0 = raw.read();
        int b1 = b0 < 0 ? -1 : raw.read();
        if (b1 >= 0) {
            raw.unread(b1);
        }
        if (b0 >= 0) {
            raw.unread(b0);
        }
        boolean signature = b0 == 0x1f && b1 == 0x8b;
        if (!signature && !file.getFileName().toString().endsWith(".gz")) {
            return new InputStreamReader(raw, StandardCharsets.UTF_8);
        }
        if (b0 < 0) {
            raw.close();
            throw new NotGzip(file, "the file is empty");
        }
        if (!signature) {
            raw.close();
            throw new NotGzip(file, String.format("it does not start with gzip's signature 1f 8b (it starts with %02x %02x)",
                    b0, Math.max(b1, 0)));
        }
        InputStream in;
        try {
            in = new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new NotGzip(file, gzipProblem(e));
        }
        InputStream checked = new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new NotGzip(file, gzipProblem(e));
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new NotGzip(file, gzipProblem(e));
                }
            }
        };
        return new InputStreamReader(checked, StandardCharsets.UTF_8);
    }

    /** What a gzip stream's failure means, in words. */
    private static String gzipProblem(IOException e) {
        if (e instanceof java.io.EOFException) {
            return "it ends before its compressed data does (the file was cut short, e.g. a copy or download not finished)";
        }
        return "its compressed data is corrupt (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }

    /** A country names file (--countries, or country_codes.csv beside the IMB file) that is not one. */
    static final class BadCountries extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadCountries(Path file, String why) {
            super("country names " + file + ": " + why);
        }
    }

    /** Another format's columns in {@code header}: {@code " (its header is imb's: give --format imb)"}, or "". */
    static String otherFormat(Format format, Path file) {
        try (java.io.BufferedReader r = new java.io.BufferedReader(open(file))) {
            String header = r.readLine();
            if (header == null) {
                return "";
            }
            java.util.Set<String> cols = new java.util.HashSet<>();
            for (String c : header.toLowerCase(java.util.Locale.ROOT).replace("\uFEFF", "").split(",")) {
                cols.add(c.strip());
            }
            Format other = format == Format.asam ? Format.imb : Format.asam;
            List<String> required = other == Format.asam ? org.watchkeeper.core.incident.AsamImporter.COLUMNS
                    : org.watchkeeper.core.incident.ImbImporter.COLUMNS;
            return cols.containsAll(required) ? " (its header is " + other + "'s: give --format " + other + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Reads a dataset file (gzip by name). For IMB, country names come from {@code countries}, or from
     * {@code country_codes.csv} beside the file when that exists.
     */
    static ImportResult read(Format format, Path file, Path countries, String org, String user) throws IOException {
        return read(format, file, countries, org, user, w -> { });
    }

    /**
     * As {@link #read(Format, Path, Path, String, String)}; an IMB file read without its country names (no
     * {@code countries} given and no {@code country_codes.csv} beside it) names countries by their ISO 3166
     * English names ({@link ImbImporter#standardCountryNames}), and this is said to {@code warn} once it is read.
     */
    static ImportResult read(Format format, Path file, Path countries, String org, String user,
            java.util.function.Consumer<String> warn) throws IOException {
        Instant now = Instant.now();
        if (format == Format.asam) {
            try (Reader r = open(file)) {
                return AsamImporter.read(r, org, user, now);
            }
        }
        Path names = countries != null ? countries
                : file.toAbsolutePath().getParent() == null ? null : file.toAbsolutePath().getParent().resolve("country_codes.csv");
        Map<String, String> byCode = Map.of();
        if (names != null && Files.isRegularFile(names)) {
            try (Reader r = open(names)) {
                byCode = ImbImporter.countryNames(r);
            } catch (IllegalArgumentException e) {
                throw new BadCountries(names, e.getMessage());
            }
        }
        boolean standard = countries == null && byCode.isEmpty();
        ImportResult res;
        try (Reader r = open(file)) {
            res = ImbImporter.read(r, standard ? ImbImporter.standardCountryNames() : byCode, org, user, now);
        }
        if (standard) {
            warn.accept("no country names for " + file + ": " + (names == null ? "country_codes.csv" : names.toString())
                    + " is not there, so places name countries by their ISO 3166 English names, which the dataset's"
                    + " file spells otherwise for some ('Congo - Kinshasa', not 'Congo, Dem. Rep.')");
        }
        return res;
    }

    /**
     * Imports a dataset into {@code store} for organisation {@code org} as {@code POST /api/incidents/import} does
     * ({@link IncidentImport#merge}: a report already held keeps its marking, owner, creator and category override,
     * another organisation's is not touched).
     */
    static IncidentImport.Outcome importInto(HistoryStore store, ImportResult res, String org, boolean host) {
        return IncidentImport.merge(store, res, org, host, Instant.now());
    }

    /**
     * Whether {@code org} is a host organisation of the server whose incident folder is {@code incidentsDir}:
     * as its {@code accounts.json} (beside the folder) says; without that file, whether it is {@code host},
     * the organisation a new server makes. An organisation the file does not list is taken as a partner.
     *
     * @throws IOException when the accounts file is there but cannot be read as JSON
     */
    static boolean hostOrg(Path incidentsDir, String org) throws IOException {
        Path parent = incidentsDir.toAbsolutePath().getParent();
        Path accounts = parent == null ? null : parent.resolve(Accounts.FILE_NAME);
        if (accounts == null || !Files.isRegularFile(accounts)) {
            return org.equals("host");
        }
        for (com.fasterxml.jackson.databind.JsonNode o : new com.fasterxml.jackson.databind.ObjectMapper().readTree(accounts.toFile()).path("orgs")) {
            if (o.path("id").asText().equals(org)) {
                return o.path("host").asBoolean();
            }
        }
        return false;
    }

    /** The counts of an import in words: {@code 3 imported (new), 1 updated, 2 unchanged, 0 rejected}. */
    static String counts(IncidentImport.Outcome out) {
        return out.imported().size() + " imported (new), " + out.updated().size() + " updated, " + out.unchanged()
                + " unchanged, " + out.rejected().size() + " rejected";
    }

    static Path defaultDb() {
        return Path.of(ServeCommand.DEFAULT_DATA, WatchkeeperServer.INCIDENTS_DIR);
    }

    /** {@code incidents import}. */
    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Import a dataset; prints {\"imported\": n, \"updated\": n, \"unchanged\": n, \"rejected\": [{\"line\", \"reason\"}]}"
                    + " and a summary on stderr.",
                "Reports keep stable ids (asam-<reference>, imb-<row hash>); new ones are TLP:CLEAR. Importing again updates"
                    + " the report fields of the --org's reports and keeps their marking, sharing, owner, creator and category"
                    + " override; a report of another organisation is not changed (its row is rejected)."},
            sortOptions = false,
            footer = {"", "Exit codes: 0 done (also when rows were rejected: they are listed), 1 store or I/O error"
                    + " (nothing was imported), 2 usage error."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        IncidentsCommand parent;

        @Option(names = "--format", required = true, paramLabel = "FORMAT",
                description = "asam (NGA ASAM CSV export) or imb (crime-at-sea pirate_attacks.csv).")
        Format format;

        @Parameters(paramLabel = "FILE", description = "The CSV file, plain or gzip (told by a .gz name or gzip's signature).")
        Path file;

        @Option(names = "--db", paramLabel = "DIR", converter = NormalPath.class, description = "Incident store directory (DuckDB). Default: watchkeeper-serve/incidents (serve's, without --data).")
        Path db;

        @Option(names = "--countries", paramLabel = "FILE", description = "IMB only: country_codes.csv (default: beside FILE).")
        Path countries;

        @Option(names = "--org", paramLabel = "ORG", defaultValue = "host", description = "Owning organisation (default: ${DEFAULT-VALUE}).")
        String org;

        @Option(names = "--user", paramLabel = "USER", defaultValue = "import", description = "Creator recorded on the reports (default: ${DEFAULT-VALUE}).")
        String user;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = parent.spec.commandLine().getErr();
            // a missing file is an I/O error (exit 1), as for the other commands' inputs
            String why = Inputs.unreadable(file.toString());
            if (why != null) {
                err.println("watchkeeper incidents import: cannot read " + file + ": " + why);
                return 1;
            }
            if (countries != null) {
                try {
                    Inputs.checkReadable("--countries", countries);
                } catch (Inputs.UnreadableFile e) {
                    err.println("watchkeeper incidents import: " + e.getMessage());
                    return 1;
                }
            }
            ImportResult res;
            try {
                res = read(format, file, countries, org, user,
                        w -> err.println("watchkeeper incidents import: warning: " + w + "; give --countries FILE for names"));
            } catch (BadCountries e) {
                err.println("watchkeeper incidents import: " + e.getMessage() + "; nothing was imported");
                return 2;
            } catch (IllegalArgumentException e) {
                err.println("watchkeeper incidents import: " + file + ": " + e.getMessage() + otherFormat(format, file)
                        + "; nothing was imported");
                return 2;
            } catch (NotGzip e) {
                err.println("watchkeeper incidents import: " + e.getMessage());
                return 1;
            } catch (java.io.UncheckedIOException e) {
                // the importers read through an UncheckedIOException
                err.println("watchkeeper incidents import: " + (e.getCause() instanceof NotGzip n ? n.getMessage()
                        : "cannot read " + file + ": " + e.getCause().getMessage()));
                return 1;
            } catch (IOException e) {
                err.println("watchkeeper incidents import: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
            IncidentImport.Outcome summary;
            Path dir = db == null ? defaultDb() : db;
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                err.println("watchkeeper incidents import: --db " + dir + " is a file, not a folder: give the incident store's"
                        + " folder (a server's is DATA/incidents)");
                return 1;
            }
            // the folder first (a server holds its incidents folder while it runs), then the store in it
            try (DataFolderLock lock = DataFolderLock.acquire(dir, "watchkeeper incidents import");
                    HistoryStore store = DuckDbHistoryStore.open(dir)) {
                summary = importInto(store, res, org, hostOrg(dir, org));
            } catch (DataFolderLock.InUseException e) {
                err.println("watchkeeper incidents import: " + e.getMessage() + "; while a server runs, import through it:"
                        + " POST /api/incidents/import?format=asam or imb");
                return 1;
            } catch (StoreLockedException e) {
                err.println("watchkeeper incidents import: " + e.getMessage() + "; while a server runs, import through it: POST /api/incidents/import?format=asam or imb");
                return 1;
            } catch (StoreException e) {
                err.println("watchkeeper incidents import: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
                return 1;
            }
            OutputStream out = parent.streams.out();
            try {
                out.write(JSON.writeValueAsBytes(IncidentApi.summary(summary)));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // the import is done: a reader that stopped early (import ... | head -c 100) changes nothing;
                // another write error is reported after the summary, which stderr still gets
                if (!Main.Streams.brokenPipe(e)) {
                    err.println("watchkeeper incidents import: cannot write the answer: " + e.getMessage());
                    printSummary(err, res, summary);
                    return 1;
                }
            }
            printSummary(err, res, summary);
            return 0;
        }

        private void printSummary(PrintWriter err, ImportResult res, IncidentImport.Outcome summary) {
            err.printf("%s: %d rows, %s%n", file.getFileName(), res.rows(), counts(summary));
            summary.rejected().forEach(x -> err.printf("  line %d: %s%n", x.line(), x.reason()));
            err.flush();
        }
    }

    /** {@code incidents list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"List stored incidents as a JSON array of incident objects or CSV (the columns of the CSV export)."},
            sortOptions = false,
            footer = {"", "Exit codes: 0 done, 1 store or I/O error, 2 usage error."})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        IncidentsCommand parent;

        @Option(names = "--db", paramLabel = "DIR", converter = NormalPath.class, description = "Incident store directory (DuckDB). Default: watchkeeper-serve/incidents.")
        Path db;

        @Option(names = "--from", paramLabel = "TIME", description = "Window start, ISO-8601 UTC or a date.")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Window end, inclusive (a date means its end).")
        String to;

        @Option(names = "--type", paramLabel = "TYPE", description = "Incident type, e.g. robbery, hijacking, attempted_attack.")
        String type;

        @Option(names = "--category", paramLabel = "CAT", description = "ReCAAP category in force: CAT 1 .. CAT 4.")
        String category;

        @Option(names = "--limit", paramLabel = "N", description = "At most N incidents (earliest first).")
        Integer limit;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE}).")
        QueryCommand.Format format;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = parent.spec.commandLine().getErr();
            IncidentQuery q;
            try {
                long fromMillis = QueryCommand.time("--from", from, false, Long.MIN_VALUE / 2);
                long toMillis = QueryCommand.time("--to", to, true, Long.MAX_VALUE / 2);
                String reversed = TimeBound.reversed("--from", fromMillis, "--to", toMillis);
                if (reversed != null) {
                    throw new IllegalArgumentException(reversed);
                }
                q = new IncidentQuery(fromMillis, toMillis, null,
                        type == null ? null : IncidentType.parse(type).apiName(),
                        category == null ? null : RecaapCategory.parse(category).apiName());
                if (limit != null && limit < 1) {
                    throw new IllegalArgumentException("--limit must be at least 1: " + limit);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Path dir = db == null ? defaultDb() : db;
            if (!Files.isRegularFile(dir.resolve(DuckDbHistoryStore.FILE_NAME))) {
                err.println("watchkeeper incidents list: " + (Files.exists(dir) && !Files.isDirectory(dir)
                        ? "--db " + dir + " is a file, not an incident store's folder" : "no incident store in " + dir
                        + (db == null ? " (the default; --db DIR names another, such as a server's DATA/incidents)" : "")));
                return 1;
            }
            List<IncidentRow> rows;
            Map<String, List<org.watchkeeper.core.incident.SameIncident.Match>> same;
            try (HistoryStore store = DuckDbHistoryStore.open(dir)) {
                rows = store.incidents(q);
                if (limit != null && rows.size() > limit) {
                    rows = rows.subList(0, limit);
                }
                // each with its possible duplicates, as the API lists them: this store's reports, all of them seen here
                same = IncidentApi.possibleDuplicates(store, rows.stream().map(IncidentApi::incident).toList(), null, c -> true);
            } catch (StoreLockedException e) {
                err.println("watchkeeper incidents list: " + e.getMessage() + "; while a server runs, ask it: GET /api/incidents");
                return 1;
            } catch (StoreException e) {
                err.println("watchkeeper incidents list: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
                return 1;
            }
            try {
                write(parent.streams.out(), rows, same);
            } catch (IOException | java.io.UncheckedIOException e) {
                IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
                if (Main.Streams.brokenPipe(io)) {
                    return 0; // the reader stopped early (incidents list | head), as query and decode treat it
                }
                err.println("watchkeeper incidents list: cannot write the answer: " + io.getMessage());
                err.flush();
                return 1;
            }
            return 0;
        }

        private void write(OutputStream out, List<IncidentRow> rows,
                           Map<String, List<org.watchkeeper.core.incident.SameIncident.Match>> same) throws IOException {
            if (format == QueryCommand.Format.csv) {
                List<ObjectNode> flat = new ArrayList<>(rows.size());
                for (IncidentRow r : rows) {
                    ObjectNode o = IncidentApi.flat(IncidentApi.incident(r));
                    // the ids of the other sources' reports of that attack, as the API's CSV export gives them
                    com.fasterxml.jackson.databind.node.ArrayNode ids = o.putArray("possible_duplicates");
                    same.getOrDefault(r.id(), List.of()).forEach(m -> ids.add(m.incident().id()));
                    flat.add(o);
                }
                out.write(Exports.csv(flat, IncidentApi.CSV_FIELDS).getBytes(StandardCharsets.UTF_8));
            } else {
                // a JSON array with one incident a line, as query writes its rows (grep and head keep working)
                out.write('[');
                boolean first = true;
                for (IncidentRow r : rows) {
                    out.write((first ? "\n" : ",\n").getBytes(StandardCharsets.US_ASCII));
                    first = false;
                    ObjectNode o = (ObjectNode) JSON.readTree(r.json());
                    o.set("possible_duplicates", IncidentApi.duplicatesJson(same.getOrDefault(r.id(), List.of())));
                    out.write(JSON.writeValueAsBytes(o));
                }
                out.write((first ? "]\n" : "\n]\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
    }
}
