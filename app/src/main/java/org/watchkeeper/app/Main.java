package org.watchkeeper.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code watchkeeper} command line. Each task is a subcommand; {@code watchkeeper help
 * COMMAND} or {@code watchkeeper COMMAND --help} describes it.
 *
 * <p>Exit codes: 0 success (bad input lines are reported, not fatal), 1 an I/O error (missing or
 * unreadable input, output that cannot be written), 2 a usage error.
 */
@Command(name = "watchkeeper",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {DecodeCommand.class, AnalyzeCommand.class, QueryCommand.class, SimulateCommand.class,
            ServeCommand.class, DemoCommand.class, KafkaPublishCommand.class, SendCommand.class, IncidentsCommand.class,
            AuditCommand.class, VerifyExportCommand.class, HelpCommand.class},
        description = {
            "Watchkeeper: open maritime domain awareness.",
            "Turns the AIS traffic picked up by coastal receivers and satellites into a picture of who is at sea and where."
        },
        footer = {"", "Exit codes: 0 success, 1 I/O error, 2 usage error.",
            "Run 'watchkeeper help COMMAND' for a command's options."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // stdout as a raw stream: output is buffered by the writers, and write errors surface as IOException
        System.exit(execute(System.in, new FileOutputStream(FileDescriptor.out),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /**
     * Runs one command line on the given streams and returns its exit code. {@code decode} is set
     * up on its own ({@link #decodeCommandLine}), so that a decoding run does not load the classes
     * of the other commands (server, store, Kafka): about half the start-up time.
     */
    static int execute(InputStream in, OutputStream out, PrintWriter err, String... args) {
        if (args.length > 0 && args[0].equals("decode")) {
            return decodeCommandLine(in, out, err).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine(in, out, err).execute(args);
    }

    /**
     * The {@code decode} command on its own, as {@code watchkeeper decode} (same usage, messages and
     * exit codes as through {@link #commandLine}); takes the arguments after {@code decode}.
     */
    static CommandLine decodeCommandLine(InputStream in, OutputStream out, PrintWriter err) {
        CommandLine cl = new CommandLine(new DecodeCommand(new Streams(in, out)));
        cl.setCommandName("watchkeeper decode");
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setErr(err);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        return HelpLayout.apply(cl);
    }

    /**
     * A command line bound to the given streams (tests run it in-process).
     *
     * @param in standard input, read by {@code decode -}
     * @param out standard output, the default destination of decoded output
     * @param err messages and summaries
     */
    public static CommandLine commandLine(InputStream in, OutputStream out, PrintWriter err) {
        Streams streams = new Streams(in, out);
        CommandLine cl = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DecodeCommand.class) {
                    return cls.cast(new DecodeCommand(streams));
                }
                if (cls == AnalyzeCommand.class) {
                    return cls.cast(new AnalyzeCommand(streams));
                }
                if (cls == QueryCommand.class) {
                    return cls.cast(new QueryCommand(streams));
                }
                if (cls == SimulateCommand.class) {
                    return cls.cast(new SimulateCommand(streams));
                }
                if (cls == IncidentsCommand.class) {
                    return cls.cast(new IncidentsCommand(streams));
                }
                if (cls == KafkaPublishCommand.class) {
                    return cls.cast(new KafkaPublishCommand(streams));
                }
                if (cls == SendCommand.class) {
                    return cls.cast(new SendCommand(streams));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setErr(err);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        // a ring south of the equator or west of Greenwich starts with '-' ('-34,151; -34,151.5; ...'): taken as
        // the AREA, not refused as an unknown option (a mistyped option there is said by the query itself)
        cl.getSubcommands().get("query").getSubcommands().get("polygon").setUnmatchedOptionsArePositionalParams(true);
        return HelpLayout.apply(cl);
    }

    /**
     * A usage error (unknown or bad option, missing argument): the message, picocli's "did you mean"
     * suggestions for a mistyped name, and where the help is, on stderr; exit code 2. The whole usage
     * follows only for {@code watchkeeper} itself without a known command (it lists the commands); a
     * command's own option list would push the one line that matters off the screen.
     */
    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String area = cmd.getCommand() instanceof QueryCommand.PolygonQuery q ? QueryCommand.PolygonQuery.unknownOption(q.area) : null;
        if (area != null) {
            // an unknown option taken as the AREA (a ring may start with '-'): the values after it are then unmatched,
            // and the option is what to name
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + area);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
        // like every other error of a command: "watchkeeper analyze: ..."
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + plainTypeNames(e.getMessage()));
        boolean suggested = CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        String placed = optionOfASubcommand(e, cmd);
        if (placed != null) {
            err.println(placed);
            suggested = true;
        }
        if (!suggested && cmd.getCommandSpec().parent() == null && !cmd.getSubcommands().isEmpty()) {
            cmd.usage(err);
        } else {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * For an option given before the name of the command it belongs to ({@code watchkeeper query --data DIR track
     * 219000001}): which of the commands take it and where it goes, e.g. {@code --data is an option of watchkeeper
     * query track|box|polygon|near|events: give it after the command's name (watchkeeper query track ... --data
     * ...)}; null when the error is another, or no command below takes it.
     */
    static String optionOfASubcommand(CommandLine.ParameterException e, CommandLine cmd) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || cmd.getSubcommands().isEmpty()
                || u.getUnmatched().isEmpty() || !u.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        String given = u.getUnmatched().get(0);
        String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
        java.util.List<String> takers = new java.util.ArrayList<>();
        java.util.Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (seen.add(sub) && sub.getCommandSpec().findOption(name) != null) {
                takers.add(sub.getCommandName());
            }
        }
        if (takers.isEmpty()) {
            return null;
        }
        // the example names the command given on the line, when it is one that takes the option
        String example = takers.get(0);
        java.util.List<String> args = new java.util.ArrayList<>(u.getUnmatched());
        CommandLine.ParseResult parsed = cmd.getParseResult();
        if (parsed != null) {
            args.addAll(parsed.originalArgs());
        }
        for (String a : args) {
            if (takers.contains(a)) {
                example = a;
                break;
            }
        }
        String q = cmd.getCommandSpec().qualifiedName();
        return name + " is an option of " + q + " " + String.join("|", takers) + ": give it after the command's name ("
                + q + " " + example + " ... " + name + " ...)";
    }

    /** picocli's "'abc' is not a long" at the end of a message; group 1 the quoted value, group 2 the Java type. */
    private static final java.util.regex.Pattern JAVA_TYPE_NAME =
            java.util.regex.Pattern.compile("('.*') is not an? (long|int|short|byte|double|float)$", java.util.regex.Pattern.DOTALL);

    /** Java's "No enum constant a.b.Type.VALUE" at the end of a message; group 1 the enum's name, group 2 the value. */
    private static final java.util.regex.Pattern NO_ENUM_CONSTANT =
            java.util.regex.Pattern.compile("No enum constant ([\\w.$]+)\\.([^.]*)$", java.util.regex.Pattern.DOTALL);

    /** picocli's "cannot convert 'x' to class a.b.Type (a.b.SomeException: ...)"; group 1 the quoted value. */
    private static final java.util.regex.Pattern CANNOT_CONVERT =
            java.util.regex.Pattern.compile("cannot convert ('.*') to (?:class |interface )?[\\w.$]+ \\(.*\\)$",
                    java.util.regex.Pattern.DOTALL);

    /**
     * A conversion error in the user's words rather than Java's: "'abc' is not a long" (or int, short,
     * byte) becomes "'abc' is not a whole number", and "is not a double" (or float) "is not a number";
     * a Java enum lookup that failed ("No enum constant a.b.Type.X") says what was given and what is
     * accepted, and a conversion that failed with a Java exception ("cannot convert 'x' to class
     * java.time.Instant (java.time.format.DateTimeParseException: ...)") says the value was not
     * understood, without the Java names. Options convert their values so that these last two do not
     * happen; they are the net for one that does. Any other message is returned unchanged.
     */
    static String plainTypeNames(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher e = NO_ENUM_CONSTANT.matcher(message);
        if (e.find()) {
            String accepted = enumConstants(e.group(1));
            return message.substring(0, e.start()) + "'" + e.group(2) + "' is not accepted"
                    + (accepted == null ? "" : ": expected one of " + accepted);
        }
        java.util.regex.Matcher c = CANNOT_CONVERT.matcher(message);
        if (c.find()) {
            return message.substring(0, c.start()) + c.group(1) + " is not a value this option accepts";
        }
        java.util.regex.Matcher m = JAVA_TYPE_NAME.matcher(message);
        if (!m.find()) {
            return message;
        }
        String type = m.group(2);
        String plain = type.equals("double") || type.equals("float") ? "a number" : "a whole number";
        return message.substring(0, m.start()) + m.group(1) + " is not " + plain;
    }

    /**
     * The constants of the enum named as Java's messages name it (dots also before a nested class),
     * lower-cased as the options take them, e.g. "[carry, drop]"; null when no such enum is loaded.
     */
    private static String enumConstants(String canonicalName) {
        String name = canonicalName;
        while (true) {
            try {
                Class<?> cls = Class.forName(name, false, Main.class.getClassLoader());
                if (!cls.isEnum()) {
                    return null;
                }
                java.util.List<String> names = new java.util.ArrayList<>();
                for (Object k : cls.getEnumConstants()) {
                    names.add(((Enum<?>) k).name().toLowerCase(java.util.Locale.ROOT));
                }
                return names.toString();
            } catch (ClassNotFoundException | LinkageError ex) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1); // a nested class's binary name
            }
        }
    }

    /** Without a subcommand: show the usage on stderr and fail with the usage-error code. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** The process streams a command reads and writes. */
    record Streams(InputStream in, OutputStream out) {
        /**
         * Whether writing failed because the reading end of a pipe was closed (EPIPE): the reader of
         * stdout stopped early ({@code watchkeeper decode big.log | head}), not an error of the command.
         */
        static boolean brokenPipe(java.io.IOException e) {
            return e.getMessage() != null && e.getMessage().contains("Broken pipe");
        }
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"watchkeeper " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
