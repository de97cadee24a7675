package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code app/bin/watchkeeper} launcher: which JVM options it passes for each command. A stand-in
 * for {@code java} (the {@code JAVA} variable) records its arguments instead of starting a JVM.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("bin/watchkeeper").toAbsolutePath();

    @TempDir
    Path tmp;

    private List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(SCRIPT), "launcher not found at " + SCRIPT);
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        Path recorded = tmp.resolve("args.txt");
        Path fakeJava = tmp.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + recorded + "'\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
        Path jar = tmp.resolve("watchkeeper.jar");
        Files.write(jar, new byte[0]);
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA", fakeJava.toString());
        pb.environment().put("WATCHKEEPER_JAR", jar.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }

    @Test
    void decodeRunsWithTheSerialCollectorAndSmallerInlining() throws Exception {
        List<String> args = launch(Map.of(), "decode", "--format", "csv", "a b.nmea");
        assertThat(args).containsExactly("-XX:+UseSerialGC", "-XX:InlineSmallCode=1000", "-XX:FreqInlineSize=80", "-jar", tmp.resolve("watchkeeper.jar").toString(),
                "decode", "--format", "csv", "a b.nmea");
    }

    @Test
    void serveAndDemoPromoteAfterTwoYoungCollections() throws Exception {
        List<String> args = launch(Map.of(), "serve", "--data", "wk");
        assertThat(args).containsExactly("-XX:MaxTenuringThreshold=2", "-jar", tmp.resolve("watchkeeper.jar").toString(),
                "serve", "--data", "wk");
        assertThat(launch(Map.of(), "demo")).containsExactly("-XX:MaxTenuringThreshold=2", "-jar",
                tmp.resolve("watchkeeper.jar").toString(), "demo");
    }

    @Test
    void analyzeRunsWithTheParallelCollectorA600MbYoungGenerationAndAFullHeapOnMachinesWith6GbAndHugePages() throws Exception {
        long memKb = 0;
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        List<String> expected = new ArrayList<>(List.of("-XX:+UseParallelGC"));
        if (memKb >= 6L * 1024 * 1024) {
            expected.add("-Xmn600m");
            expected.add("-XX:InitialRAMPercentage=25");
        }
        // transparent huge pages only where the kernel offers them (else the JVM warns)
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        if (Files.isReadable(thp) && Files.readString(thp).matches("(?s).*\\[(always|madvise)\\].*")) {
            expected.add("-XX:+UseTransparentHugePages");
        }
        expected.addAll(List.of("-jar", tmp.resolve("watchkeeper.jar").toString(), "analyze", "in.nmea"));
        assertThat(launch(Map.of(), "analyze", "in.nmea")).containsExactlyElementsOf(expected);
        // JAVA_OPTS still wins (a later -XX:+UseG1GC or -Xmn overrides the defaults)
        assertThat(launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC"), "analyze", "-")).startsWith("-XX:+UseParallelGC")
                .containsSubsequence("-XX:+UseG1GC", "-jar");
    }

    @Test
    void otherCommandsKeepTheJvmDefaults() throws Exception {
        List<String> args = launch(Map.of(), "query", "--help");
        assertThat(args).containsExactly("-jar", tmp.resolve("watchkeeper.jar").toString(), "query", "--help");
    }

    @Test
    void javaOptsComeAfterTheDefaultsSoThatTheyWin() throws Exception {
        List<String> args = launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "decode", "-");
        assertThat(args).containsExactly("-XX:+UseSerialGC", "-XX:InlineSmallCode=1000", "-XX:FreqInlineSize=80", "-XX:+UseG1GC", "-Xmx1g", "-jar",
                tmp.resolve("watchkeeper.jar").toString(), "decode", "-");
    }

    @Test
    void aMissingJarIsReportedWithExitCode1() throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "launcher not found at " + SCRIPT);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString(), "decode").redirectErrorStream(true);
        pb.environment().put("WATCHKEEPER_JAR", tmp.resolve("absent.jar").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(output).contains("watchkeeper.jar not found");
    }
}
