package org.dragongate.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.dragongate.store.DatabaseSettings;

/**
 * What one end-to-end run sends and how the gateway polls.
 *
 * @param warmUp     small packages sent through the whole flow, and delivered, before the clock starts: the
 *                   JIT compiles the gateway's code on them (the raw open figure is warmed up too)
 * @param mailEvery  every how many small packages one goes by mail (0: none)
 * @param rate       uploads per second, 0 for as fast as the partners' clients go
 * @param intakeSessions sftp.intake-sessions for the run, 0 for the setting as shipped
 * @param signingKey     the gateway's signing key for the run (PKCS#12, the example PKI's password), null for the
 *                       example PKI's RSA-3072 key as shipped; the flow's cryptography is measured with the same key
 * @param database       a PostgreSQL database for the run (its schema is ignored: each run gets a new one), null
 *                       for the embedded H2 as shipped; a server on this machine is counted in the CPU per package
 * @param config     the gateway settings the run starts from (config/application.properties); the
 *                   partner directory, routing and example PKI beside it are used as shipped
 */
public record EndToEndSettings(int warmUp, int packages, int noticeBytes, int mailEvery, int large, long largeBytes, double rate,
                               Duration timeout, int intakeSessions, long sftpPollDelay, long mailPollDelay, long deliveryPollPeriod,
                               Path signingKey, DatabaseSettings database, Path config, Path keys, Path workDir) {
}
