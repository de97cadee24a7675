package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every indented line of a command's footer (the hand-aligned tables and the example commands) fits
 * picocli's 80-column help: picocli wraps a longer footer line at a space and continues it at the
 * left margin, in the middle of a table, or splitting an example into two commands. Prose and option
 * descriptions may wrap.
 */
class HelpWidthTest {
    @Test
    void everyIndentedFooterLineFitsEightyColumns() {
        CommandLine root = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(10);
        List<String> tooLong = new ArrayList<>();
        for (CommandLine c : all) {
            for (String text : c.getCommandSpec().usageMessage().footer()) {
                for (String line : String.format(text).split("\\R")) {
                    // indented lines are tables and example commands (a wrapped command pasted into a
                    // shell runs as two); prose paragraphs start at the margin and may wrap
                    if (line.startsWith(" ") && line.length() > c.getCommandSpec().usageMessage().width()) {
                        tooLong.add(c.getCommandSpec().qualifiedName() + ": " + line);
                    }
                }
            }
        }
        assertThat(tooLong).isEmpty();
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }
}
