package org.dragongate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.PartnerMailer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send-mail", mixinStandardHelpOptions = true,
        description = "Mails a sealed package as an attachment (a partner's mail client, for the demo and tests).")
public final class SendMailCommand implements Callable<Integer> {
    @Option(names = "--smtp-port", description = "SMTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int smtpPort = 3025;

    @Option(names = "--from", required = true, description = "The partner's registered mail address.")
    String from;

    @Option(names = "--to", description = "The gateway's mailbox (default ${DEFAULT-VALUE}).")
    String to = EmbeddedMailServer.GATEWAY_ADDRESS;

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The sealed package (.p7m).")
    Path sealedPackage;

    @Override
    public Integer call() throws Exception {
        PartnerMailer.send(smtpPort, from, to, sealedPackage);
        System.err.println("mailed " + sealedPackage + " from " + from + " to " + to);
        return 0;
    }
}
