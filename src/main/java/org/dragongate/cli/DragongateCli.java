package org.dragongate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point of the jar: {@code java -jar dragongate.jar <command>}. */
@Command(name = "dragongate", mixinStandardHelpOptions = true, version = "Dragongate 0.1.0",
        description = "Secure gateway for customs and law-enforcement intelligence packages.",
        subcommands = {RunCommand.class, DemoCommand.class, SealCommand.class, OpenCommand.class, QuarantineCommand.class,
                SendMailCommand.class, DeadLetterCommand.class, AuditCommand.class, TraceCommand.class, PartnerCommand.class,
                CertCommand.class, CrlCommand.class, AdminTokenCommand.class, KeysExampleCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class DragongateCli implements Runnable {
    /** Exit code when a package is refused; distinct from usage errors (2) and failures (1). */
    public static final int EXIT_REJECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DragongateCli());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // A person reads this: one line saying what went wrong, not a stack trace.
            line.getErr().println("ERROR: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
