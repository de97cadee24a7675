package org.watchkeeper.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code watchkeeper help [COMMAND [SUBCOMMAND...]]}: the usage of the command named by the whole
 * path ({@code help query near} is {@code query near --help}), where picocli's own help command reads
 * only the first name. An unknown name is a usage error (exit 2) naming the commands there are.
 */
@Command(name = "help", helpCommand = true,
        description = {"Shows the usage of a command: watchkeeper help COMMAND [SUBCOMMAND]."})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to describe.")
    String[] names = {};

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
        this.colors = colorScheme;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        StringBuilder path = new StringBuilder(target.getCommandName());
        for (String name : names) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "'" + path + "' has no command '" + name + "'"
                        + (target.getSubcommands().isEmpty() ? "" : "; its commands are "
                                + String.join(", ", target.getSubcommands().keySet())));
            }
            target = sub;
            path.append(' ').append(name);
        }
        target.usage(out, colors);
    }
}
