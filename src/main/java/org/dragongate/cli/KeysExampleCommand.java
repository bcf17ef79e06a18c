package org.dragongate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.dragongate.pki.ExamplePki;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys-example", mixinStandardHelpOptions = true,
        description = {
                "Generate a demo PKI: a directory CA with gateway and contact-point keys, and one CA plus "
                        + "signer per partner, including an expired and a revoked signer.",
                "DEMO ONLY, NEVER PRODUCTION: private keys are written unencrypted and the PKCS#12 password is '"
                        + ExamplePki.DEMO_PASSWORD + "'. Existing files are overwritten."
        })
public final class KeysExampleCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ExamplePki.DEFAULT_OUT_DIR,
            description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new ExamplePki(Clock.systemUTC(), ExamplePki.DEMO_PASSWORD.toCharArray()).generate(out);
        // Through picocli's writer so callers (and tests) that redirect the command's output see it.
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path dir : ExamplePki.directories(out)) {
            stdout.println(dir);
        }
        stdout.flush();
        return 0;
    }
}
