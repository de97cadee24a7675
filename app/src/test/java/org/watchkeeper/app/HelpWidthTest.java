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

    /**
     * The list of a command's subcommands shows the first line of each one's description (or its
     * header) as its summary: that line is a whole sentence, not the first 80 columns of a paragraph
     * cut mid-sentence ({@code query --help} showed "near  Who came within R km of a point in the window:
     * per vessel its closest" and stopped there).
     */
    @Test
    void everySubcommandsSummaryIsAWholeSentence() {
        CommandLine root = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        List<String> cut = new ArrayList<>();
        for (CommandLine c : all.subList(1, all.size())) {
            CommandLine.Model.UsageMessageSpec u = c.getCommandSpec().usageMessage();
            String[] lines = u.header().length > 0 ? u.header() : u.description();
            String first = lines.length == 0 ? "" : String.format(lines[0]).split("\\R")[0].strip();
            if (!first.endsWith(".") && !first.endsWith(".)")) {
                cut.add(c.getCommandSpec().qualifiedName() + ": " + first);
            }
        }
        assertThat(cut).isEmpty();
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }
}
