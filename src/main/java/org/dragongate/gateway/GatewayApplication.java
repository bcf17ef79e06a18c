package org.dragongate.gateway;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.dragongate.api.ApiConfiguration;

/** The gateway as a Camel Main application: routes from disk, settings from a properties file. */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    /**
     * @param settings  the properties file (config/application.properties)
     * @param overrides settings that win over the file, e.g. the ports of embedded servers in the demo
     */
    public static Main create(Path settings, Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(GatewayConfiguration.class);
        // After the gateway's: the API's beans use its database.
        main.configure().addConfiguration(ApiConfiguration.class);
        main.addMainListener(new SftpIntakeRoutes());
        main.setPropertyPlaceholderLocations("file:" + settings.toAbsolutePath());
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
