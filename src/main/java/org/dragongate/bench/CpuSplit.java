package org.dragongate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process's CPU time per package, split into the gateway's part, the part of the servers and
 * clients that stand in for partners and contact points in the same JVM, and the JVM's own threads.
 * Only the gateway's part is what an agency's machine would pay: in production the SFTP and mail
 * servers and the contact points are other machines. The JIT compiler's part shrinks the longer the
 * gateway runs; a short run after a short warm-up is still compiling.
 *
 * @param byPart    milliseconds per package for each of {@link #GATEWAY}, {@link #PARTNERS}, the JVM's
 *                  parts ({@link ThreadCpuMeter}) and, with PostgreSQL, {@link #DATABASE_SERVER}, largest first
 * @param byThreads milliseconds per package per thread group, largest first
 */
public record CpuSplit(Map<String, Double> byPart, Map<String, Double> byThreads) {
    public static final String GATEWAY = "gateway: routes, broker, database, its SFTP, IMAP and HTTP clients";
    public static final String DATABASE_SERVER = "database server: PostgreSQL's processes on this machine (with --database-url)";
    public static final String PARTNERS = "partners' side: SFTP and mail servers, the uploading client, the contact-point receiver";

    /**
     * Thread groups that belong to the stand-ins, by name: the embedded SFTP server (MINA SSHD's server
     * and its SFTP subsystem), GreenMail's SMTP and IMAP handlers, the JDK HTTP server of the
     * receiver (whose handler runs on its dispatcher thread), and the benchmark's main thread, which
     * uploads and mails. The uploading client's own I/O threads are named like the gateway's SSH
     * client's (sshd-SshClient), and the JDK's NIO2 event threads (Thread-N) serve the SSH server and
     * clients alike: both are counted with the gateway, which overstates the gateway a little, never
     * the other way round.
     */
    private static final List<String> PARTNER_THREADS = List.of("sshd-SftpSubsystem", "sshd-SshServer", "smtp:", "imap:", "HTTP-Dispatcher");

    static CpuSplit of(Map<String, Double> millisByThreadGroup, int packages) {
        Map<String, Double> byPart = new LinkedHashMap<>();
        Map<String, Double> byThreads = new LinkedHashMap<>();
        millisByThreadGroup.forEach((group, ms) -> {
            double perPackage = ms / Math.max(1, packages);
            byThreads.put(group, perPackage);
            byPart.merge(partOf(group), perPackage, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byPart.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new CpuSplit(sorted, byThreads);
    }

    static String partOf(String threadGroup) {
        if (threadGroup.equals(DATABASE_SERVER)) {
            return DATABASE_SERVER;
        }
        if (threadGroup.startsWith("JVM: ") || threadGroup.equals(ThreadCpuMeter.ENDED)) {
            return threadGroup.startsWith(ThreadCpuMeter.JIT) ? ThreadCpuMeter.JIT : threadGroup;
        }
        if (threadGroup.equals("main") || PARTNER_THREADS.stream().anyMatch(threadGroup::startsWith)) {
            return PARTNERS;
        }
        return GATEWAY;
    }

    public double gateway() {
        return byPart.getOrDefault(GATEWAY, 0.0);
    }

    public double total() {
        return byPart.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
