package org.dragongate.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dragongate.gateway.GatewayApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the gateway: routes from routes/*.camel.yaml, settings from the properties file.",
                "Stops cleanly on Ctrl-C or SIGTERM: polling stops, in-flight packages finish or stay at their source."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "application.properties");

    @Override
    public Integer call() throws Exception {
        GatewayApplication.create(config, Map.of()).run();
        return 0;
    }
}
