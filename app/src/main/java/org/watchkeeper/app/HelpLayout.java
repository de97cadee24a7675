package org.watchkeeper.app;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out every command's {@code --help} text at its usage width (80 columns), breaking lines at
 * spaces only.
 *
 * <p>Picocli breaks a long line wherever {@link java.text.BreakIterator} allows, which includes
 * after a dot, a colon or a bracket: {@code summary.json} came out as {@code summary.} and
 * {@code json} on two lines, {@code jdbc:postgresql://host} as {@code jdbc:postgresql:} and
 * {@code //host}, the synopsis's {@code [--[no-]format-thread]} as {@code [--[no-]} and
 * {@code format-thread]}, so that a name could not be copied from the help. Here each section is
 * first rendered as picocli does but on lines too wide to break, and each line longer than the
 * width is then broken at spaces, its continuation indented:
 * <ul>
 *   <li>the synopsis under the first word after the command's name, as picocli indents it;</li>
 *   <li>option, parameter, command and exit code lists two columns right of where the
 *       list's descriptions begin, as picocli indents them;</li>
 *   <li>a line of the description, header or footer that starts with spaces and has a name and a
 *       gap of two or more spaces before its text (a list such as analyze's report files) under
 *       that text, any other under its own first character.</li>
 * </ul>
 * A word longer than the room left stands alone on its line, past the width, rather than be cut.
 * ANSI colour codes (picocli colours option names in a terminal) take no columns.
 */
final class HelpLayout {
    /** A line width no help text reaches: picocli lays every line out whole. */
    private static final int UNBROKEN = 100_000;

    private static final List<String> LISTS = List.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
    private static final List<String> TEXTS = List.of(UsageMessageSpec.SECTION_KEY_HEADER,
            UsageMessageSpec.SECTION_KEY_DESCRIPTION, UsageMessageSpec.SECTION_KEY_FOOTER);

    private HelpLayout() {
    }

    /** Sets the layout on a command line and every command below it. */
    static CommandLine apply(CommandLine root) {
        apply(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    private static void apply(CommandLine c, Set<CommandLine> seen) {
        if (!seen.add(c)) {
            return;
        }
        Map<String, IHelpSectionRenderer> sections = c.getHelpSectionMap();
        IHelpSectionRenderer synopsis = sections.get(UsageMessageSpec.SECTION_KEY_SYNOPSIS);
        IHelpSectionRenderer synopsisHeading = sections.get(UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING);
        if (synopsis != null) {
            sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> {
                // picocli's synopsis starts after its heading ("Usage: ") on the heading's last line
                String heading = synopsisHeading == null ? "" : synopsisHeading.render(help);
                int start = visibleLength(heading.substring(heading.lastIndexOf('\n') + 1));
                String text = unbroken(synopsis, help);
                int name = visibleLength(help.commandSpec().qualifiedName()) + 1;
                return layout(text, width(help), line -> name, start, start);
            });
        }
        for (String key : LISTS) {
            IHelpSectionRenderer r = sections.get(key);
            if (r != null) {
                sections.put(key, help -> {
                    String text = unbroken(r, help);
                    int column = listColumn(text);
                    return layout(text, width(help), line -> column, 2, 0);
                });
            }
        }
        for (String key : TEXTS) {
            IHelpSectionRenderer r = sections.get(key);
            if (r != null) {
                sections.put(key, help -> layout(unbroken(r, help), width(help), HelpLayout::textColumn, 0, 0));
            }
        }
        c.getSubcommands().values().forEach(s -> apply(s, seen));
    }

    /** The command's usage width (80 columns unless the command sets another). */
    private static int width(Help help) {
        return help.commandSpec().usageMessage().width();
    }

    /** A section as picocli renders it on lines too wide to break. */
    private static String unbroken(IHelpSectionRenderer r, Help help) {
        UsageMessageSpec u = help.commandSpec().usageMessage();
        int width = u.width();
        boolean auto = u.autoWidth();
        u.autoWidth(false);
        u.width(UNBROKEN);
        try {
            return r.render(help);
        } finally {
            u.width(width);
            u.autoWidth(auto);
        }
    }

    /**
     * Breaks each line of {@code text} longer than {@code width} at spaces; the first line of the
     * text starts at column {@code firstStart} (after a heading), the others at 0.
     *
     * @param textColumn where a line's text begins (what lies before it is never broken apart)
     * @param hang how far a continuation is indented from the line's text column (for the synopsis,
     *     whose text column is counted from its own start, that start)
     */
    static String layout(String text, int width, ToIntFunction<String> textColumn, int hang, int firstStart) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            boolean cr = line.endsWith("\r");
            if (cr) {
                line = line.substring(0, line.length() - 1);
            }
            int start = i == 0 ? firstStart : 0;
            if (start + visibleLength(line) <= width) {
                out.append(line);
            } else {
                int t = textColumn.applyAsInt(line);
                breakLine(out, line, width, start, t, t + hang);
            }
            if (cr) {
                out.append('\r');
            }
        }
        return out.toString();
    }

    /**
     * One line, starting at column {@code firstColumn}, broken at spaces into lines of at most
     * {@code width} columns where the words allow: the words before column {@code head} of the line
     * stay on the first line with their spacing, then as many words as fit on each line, each
     * continuation indented {@code hang} columns.
     */
    private static void breakLine(StringBuilder out, String line, int width, int firstColumn, int head, int hang) {
        String pad = " ".repeat(hang);
        int column = firstColumn; // visible column on the output line
        int source = 0; // visible column in the input line
        boolean lineHasWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            int g = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int w = i;
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
            if (w == i) {
                break; // trailing spaces
            }
            String word = line.substring(w, i);
            int gap = w - g;
            int len = visibleLength(word);
            boolean inHead = source + gap < head;
            source += gap + len;
            if (lineHasWord && !inHead && column + gap + len > width) {
                out.append('\n').append(pad);
                column = hang;
                gap = 0;
            }
            out.append(" ".repeat(gap)).append(word);
            column += gap + len;
            lineHasWord = true;
        }
    }

    /**
     * The column where a line's text begins: for a line starting with spaces that has a first word
     * and then two or more spaces (a list entry: {@code "  summary.json    messages, ..."}, an
     * option: {@code "      --port=N      HTTP port"}), the first column after that gap; else the
     * column of its first character that is not a space.
     */
    static int textColumn(String line) {
        String plain = stripAnsi(line);
        int n = plain.length();
        int first = indentOf(plain);
        if (first == 0) {
            return 0;
        }
        for (int j = first; j + 1 < n; j++) {
            if (plain.charAt(j) == ' ' && plain.charAt(j + 1) == ' ') {
                int t = j;
                while (t < n && plain.charAt(t) == ' ') {
                    t++;
                }
                return t < n ? t : first;
            }
        }
        return first;
    }

    /**
     * The column where the descriptions of a list (options, commands) begin: the one most of its entries
     * give by the gap after their names. An entry whose name fills its column (a single space before the
     * description, {@code "--anchorage-vessels=N Distinct vessels ..."}) continues under the others.
     */
    static int listColumn(String text) {
        Map<Integer, Integer> count = new HashMap<>();
        for (String line : text.split("\n")) {
            int t = textColumn(line);
            if (t > indentOf(line)) {
                count.merge(t, 1, Integer::sum);
            }
        }
        return count.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0);
    }

    /** The number of spaces a line starts with (ANSI codes before them count as none). */
    private static int indentOf(String line) {
        String plain = stripAnsi(line);
        int i = 0;
        while (i < plain.length() && plain.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Columns a text takes on a terminal: its characters less ANSI escape sequences. */
    static int visibleLength(String s) {
        return stripAnsi(s).length();
    }

    private static String stripAnsi(String s) {
        if (s.indexOf('\u001B') < 0) {
            return s;
        }
        return s.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
    }
}
