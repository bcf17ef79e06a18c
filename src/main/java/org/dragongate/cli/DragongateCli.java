package org.dragongate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point of the jar: {@code java -jar dragongate.jar <command>}. */
@Command(name = "dragongate", mixinStandardHelpOptions = true, version = "Dragongate 0.1.0",
        description = "Secure gateway for customs and law-enforcement intelligence packages.",
        subcommands = {RunCommand.class, DemoCommand.class, SealCommand.class, OpenCommand.class, QuarantineCommand.class,
                SendMailCommand.class, DeadLetterCommand.class, FailedCommand.class, AuditCommand.class, TraceCommand.class, PartnerCommand.class,
                CertCommand.class, CrlCommand.class, ContactPointCommand.class, GatewayKeyCommand.class, AdminTokenCommand.class, KeysExampleCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class DragongateCli implements Runnable {
    /** Exit code when a package is refused; distinct from usage errors (2) and failures (1). */
    public static final int EXIT_REJECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its one-line error handler, as {@link #main} runs it; tests run commands through it. */
    public static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    /** @param environment where the commands read passwords from (tests give their own) */
    public static CommandLine commandLine(java.util.function.UnaryOperator<String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new DragongateCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K created = defaults.create(type);
                if (created instanceof DatabaseCommand command) {
                    command.environment = environment;
                }
                return created;
            }
        });
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
