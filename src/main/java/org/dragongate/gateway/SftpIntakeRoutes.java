package org.dragongate.gateway;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;

/**
 * Makes the SFTP intake routes from the {@code sftp-intake} route template: {@code sftp.intake-sessions}
 * of them, {@code sftp-intake-0} to {@code -<n-1>}, each with its own SFTP session and its share of the
 * files. The count is a setting rather than a list in the route file because it is the intake's
 * throughput: taking a file is mostly waiting on the server (download, rename) and on the syncs of
 * durable intake, so more sessions take more files at once, until the CPU is the limit
 * (docs/benchmarks.md). Nothing happens when the template is not loaded (a gateway without SFTP intake).
 */
public final class SftpIntakeRoutes extends MainListenerSupport {
    static final String TEMPLATE = "sftp-intake";
    static final String SESSIONS = "sftp.intake-sessions";
    static final int MAX_SESSIONS = 16;
    /** As shipped in config/application.properties and documented in the README. */
    static final String DEFAULT_SESSIONS = "4";

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        if (context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(TEMPLATE) == null) {
            return;
        }
        int sessions = sessions(context.getPropertiesComponent().resolveProperty(SESSIONS).orElse(DEFAULT_SESSIONS));
        try {
            for (int share = 0; share < sessions; share++) {
                context.addRouteFromTemplate(TEMPLATE + "-" + share, TEMPLATE,
                        Map.<String, Object>of("share", Integer.toString(share), "shares", Integer.toString(sessions)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the SFTP intake routes from the template " + TEMPLATE + ": " + e.getMessage(), e);
        }
    }

    /** The setting, checked: a session is an SFTP connection, so a typo of 200 would open 200 of them. */
    static int sessions(String setting) {
        int sessions;
        try {
            sessions = Integer.parseInt(setting.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SESSIONS + " must be a whole number from 1 to " + MAX_SESSIONS + ", not '" + setting + "'");
        }
        if (sessions < 1 || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException(SESSIONS + " must be from 1 to " + MAX_SESSIONS + ", not " + sessions);
        }
        return sessions;
    }
}
