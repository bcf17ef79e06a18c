package org.dragongate.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.api.AdminTokens;
import org.dragongate.api.AdminTokens.AdminToken;
import org.dragongate.api.ApiRole;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "admin-token", mixinStandardHelpOptions = true,
        description = {"Tokens of the admin REST API (/api/v1): an admin token reads and changes, an auditor token only reads.",
                "The database keeps only a hash of each token; every change is audited."},
        subcommands = {AdminTokenCommand.Create.class, AdminTokenCommand.ListTokens.class, AdminTokenCommand.Revoke.class})
public final class AdminTokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The admin-token commands' database, audit trail and output. */
    abstract static class TokenCommand implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        abstract void run(AdminTokens tokens, PrintWriter out) throws Exception;

        @Override
        public Integer call() throws Exception {
            try (Database db = database.open()) {
                Clock clock = Clock.systemUTC();
                run(new AdminTokens(db, new AuditTrail(clock), clock), spec.commandLine().getOut());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Makes a token and prints it once: store it in a password manager or a secret store; it cannot be",
                    "shown again (revoke it and create another if it is lost)."})
    static final class Create extends TokenCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Who holds it (lower case, e.g. alice or console); the audit trail names its calls api:NAME.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "admin|auditor")
        String role;

        @Override
        void run(AdminTokens tokens, PrintWriter out) throws Exception {
            AdminTokens.IssuedToken issued = tokens.create(name, ApiRole.of(role), GatewayInstance.administrator());
            out.println(issued.secret());
            spec.commandLine().getErr().println("CREATED token " + name + " (" + issued.token().role().word()
                    + "); the line above is the token, shown only now. Send it as: Authorization: Bearer <token>");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens: name, role, state, created, last used.")
    static final class ListTokens extends TokenCommand {
        @Override
        void run(AdminTokens tokens, PrintWriter out) throws Exception {
            List<AdminToken> all = tokens.list();
            if (all.isEmpty()) {
                out.println("no admin tokens (admin-token create makes one)");
            }
            all.forEach(token -> out.println(line(token)));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Refuses the token from now on; it stays listed as revoked.")
    static final class Revoke extends TokenCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(AdminTokens tokens, PrintWriter out) throws Exception {
            out.println("REVOKED " + line(tokens.revoke(name, GatewayInstance.administrator())));
        }
    }

    static String line(AdminToken token) {
        return String.format("%-20s %-7s %-7s created %s by %s, last used %s", token.name(), token.role().word(),
                token.revoked() ? "REVOKED" : "ACTIVE", token.createdAt(), token.createdBy(),
                token.lastUsedAt() == null ? "never" : token.lastUsedAt()) + (token.revoked() ? ", revoked " + token.revokedAt() : "");
    }
}
