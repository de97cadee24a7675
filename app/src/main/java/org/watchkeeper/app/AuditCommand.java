package org.watchkeeper.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.watchkeeper.server.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code watchkeeper audit verify FILE}: proves the server's audit log untouched or names the first bad entry. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Work with the server's hash-chained audit log (audit.log in its data folder).",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: verify");
    }

    /** {@code audit verify FILE [--head HASH]}. */
    @Command(name = "verify",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            description = {"Check every entry of an audit log: canonical JSON, seq 1, 2, 3..., each prev the hash before,"
                + " each hash the SHA-256 of prev and the entry; then the end against FILE.head (or --head).",
                "Exit 0 and 'N entries verified', or exit 1 naming the first bad entry (line, seq, why);",
                "exit 2 when the log is missing (nothing was checked, as cmp and diff do)."})
    public static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The audit log.")
        Path file;

        @Option(names = "--head", paramLabel = "HASH",
                description = "The hash the log must end with (a copy of the last hash kept elsewhere); default: FILE.head when present.")
        String head;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (head != null && !head.strip().matches("[0-9a-fA-F]{64}")) {
                // a hash miscopied would otherwise be reported as entries cut from the log's end
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--head must be a SHA-256 hash,"
                        + " 64 hexadecimal digits (the last entry's \"hash\"): '" + head + "'");
            }
            if (head != null) {
                head = head.strip().toLowerCase(java.util.Locale.ROOT);
            }
            if (Files.isDirectory(file)) {
                // a data folder given for its log: say which file is meant
                Path inside = file.resolve("audit.log");
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + file + " is a directory, not an audit log"
                        + (Files.isRegularFile(inside) ? "; the server's log in it is " + inside + " (watchkeeper audit verify "
                                + inside + ")" : "; give the log file (audit.log in the server's data folder)"));
                return 2;
            }
            if (!Files.exists(file)) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": no such file: " + file);
                return 2;
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot read " + file
                        + (Files.isRegularFile(file) ? ": permission denied" : ": not a regular file"));
                return 2;
            }
            AuditLog.Verification v;
            try {
                v = AuditLog.verify(file, head);
            } catch (AuditLog.BadHead e) {
                // the end cannot be checked: the log is not shown intact
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            if (v.ok()) {
                spec.commandLine().getOut().println(v.message());
                spec.commandLine().getOut().flush();
                Path headFile = file.resolveSibling(file.getFileName() + ".head");
                if (head == null && !Files.exists(headFile)) {
                    spec.commandLine().getErr().println("warning: the end of the log was not checked (no " + headFile
                            + " and no --head): entries cut from its end would not show; pass the last hash kept elsewhere with --head");
                    spec.commandLine().getErr().flush();
                }
                return 0;
            }
            spec.commandLine().getErr().println("audit log " + file + " is not intact: " + v.message());
            spec.commandLine().getErr().println(v.entries() + " entries before it verified");
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
