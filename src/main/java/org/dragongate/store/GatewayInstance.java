package org.dragongate.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names this process on the audit trail and in delivery claims, when {@code gateway.instance-id} does not. */
public final class GatewayInstance {
    private static final String DEFAULT_ID = hostName() + "-" + ProcessHandle.current().pid();

    private GatewayInstance() {
    }

    /** Host name and process id: unique among instances running at once, and says where to look. */
    public static String defaultId() {
        return DEFAULT_ID;
    }

    /** An administrator acting from the command line, as the audit trail names them. */
    public static String administrator() {
        return "admin " + System.getProperty("user.name", "unknown") + "@" + hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
