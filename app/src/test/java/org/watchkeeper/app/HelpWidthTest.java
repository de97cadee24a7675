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

    /**
     * Every command's help breaks its lines at spaces only, within 80 columns: a line is longer only
     * when it is one word that cannot be broken. The words are those of picocli's own help laid out
     * too wide to break, in the same order: nothing is lost or cut. Before, picocli broke names
     * after a dot, a colon or a bracket ({@code summary.} / {@code json}, {@code jdbc:postgresql:} /
     * {@code //host}, {@code [--[no-]} / {@code format-thread]}).
     */
    @Test
    void helpBreaksLinesAtSpacesOnlyAndKeepsEveryWord() {
        CommandLine root = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        List<String> tooLong = new ArrayList<>();
        for (CommandLine c : all) {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : help.split("\\R")) {
                if (line.length() > 80 && line.strip().contains(" ")) {
                    tooLong.add(c.getCommandSpec().qualifiedName() + ": " + line);
                }
            }
            CommandLine.Model.UsageMessageSpec u = c.getCommandSpec().usageMessage();
            int width = u.width();
            u.width(100_000);
            String unbroken;
            try {
                unbroken = new CommandLine(c.getCommandSpec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
            } finally {
                u.width(width);
            }
            assertThat(words(help)).as(c.getCommandSpec().qualifiedName()).isEqualTo(words(unbroken));
        }
        assertThat(tooLong).isEmpty();
        String analyze = root.getSubcommands().get("analyze").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(analyze).contains("[--detect=LIST]...", " summary.json", " jdbc:postgresql://host:port/database",
                "(rejected.too_late_to_reorder)", "\n  summary.json    messages, vessels by class, type and flag, time span,\n"
                        + "                  rejections by reason\n");
        // an option whose name fills its column continues under the other options' descriptions
        assertThat(analyze).contains("\n      --anchorage-vessels=N Distinct vessels that must have lain still in a cell\n"
                + "                              to make it an anchorage");
        assertThat(root.getSubcommands().get("decode").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains(" [--[no-]format-thread] ");
        // the decode command line of its own has the same layout
        assertThat(Main.decodeCommandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(new StringWriter())).getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains(" [--[no-]format-thread] ");
    }

    /** Lines broken at spaces, continued under a list entry's text, two columns right of an option's. */
    @Test
    void layoutBreaksAtSpacesAndIndentsContinuations() {
        String list = "  a.json    one two three four five six";
        assertThat(HelpLayout.layout(list, 24, HelpLayout::textColumn, 0, 0))
                .isEqualTo("  a.json    one two\n            three four\n            five six");
        assertThat(HelpLayout.layout("      --x=N   alpha beta gamma", 24, HelpLayout::textColumn, 2, 0))
                .isEqualTo("      --x=N   alpha beta\n                gamma");
        assertThat(HelpLayout.layout("prose words that-are-long-enough here", 16, HelpLayout::textColumn, 0, 0))
                .isEqualTo("prose words\nthat-are-long-enough\nhere");
        assertThat(HelpLayout.textColumn("  -h, --help      Show")).isEqualTo(18);
        assertThat(HelpLayout.textColumn("\u001B[1m--x\u001B[0m  text")).isZero();
        assertThat(HelpLayout.visibleLength("\u001B[1m--x\u001B[21m")).isEqualTo(3);
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }
}
