package org.watchkeeper.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import org.watchkeeper.server.ExportSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code watchkeeper verify-export --key PUB FILE SIG}: checks an export against its detached Ed25519 signature. */
@Command(name = "verify-export",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Verify a signed export against the server's Ed25519 public key.", "",
            "Verify an export (e.g. /api/export/events.csv) against its Ed25519 signature: the base64 text of the"
                + " X-Watchkeeper-Signature header saved to a file. The public key is the server's GET"
                + " /api/signing-key (PEM).",
            "Exit 0 when the signature is valid, 1 when not, 2 when a file is missing or the key is not an Ed25519"
                + " public key (nothing was checked, as cmp and diff do)."},
        footer = {"", "Example:",
            "  curl -sS -H \"Authorization: Bearer $TOKEN\" -D headers.txt -o events.csv \\",
            "      http://localhost:8080/api/export/events.csv",
            "  grep -i '^x-watchkeeper-signature:' headers.txt | cut -d' ' -f2 > \\",
            "      events.csv.sig",
            "  curl -sS -H \"Authorization: Bearer $TOKEN\" -o server.pub.pem \\",
            "      http://localhost:8080/api/signing-key",
            "  watchkeeper verify-export --key server.pub.pem events.csv events.csv.sig"})
public final class VerifyExportCommand implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "PUB", description = "The server's public key (PEM).")
    Path key;

    @Parameters(index = "0", paramLabel = "FILE", description = "The exported file, byte for byte as received.")
    Path file;

    @Parameters(index = "1", paramLabel = "SIG", description = "The signature: a file holding the base64 signature.")
    Path sig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {key, file, sig}) {
            // a pipe (bash's <(curl ...), /dev/stdin) is read as a file is
            if (!Files.exists(p) || Files.isDirectory(p)) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + (Files.isDirectory(p) ? "a directory, not a file: "
                        : "no such file: ") + p);
                return 2;
            }
        }
        PublicKey pub;
        try {
            pub = ExportSigner.readPublicKey(key);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + key + " is not an Ed25519 public key in PEM: " + e.getMessage());
            return 2;
        }
        boolean ok = ExportSigner.verify(pub, Files.readAllBytes(file), Files.readString(sig));
        if (ok) {
            spec.commandLine().getOut().println("signature valid: " + file + " is exactly what the server signed");
            spec.commandLine().getOut().flush();
            return 0;
        }
        spec.commandLine().getErr().println("signature INVALID: " + file + " was changed, or " + sig + " is not its signature by " + key);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
