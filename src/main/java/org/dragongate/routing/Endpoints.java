package org.dragongate.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a contact point's delivery endpoint. Returns what is wrong, in words an administrator can
 * act on, or nothing. Secrets in the URI are refused: a URI ends up in logs and on the audit trail.
 */
public final class Endpoints {
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s,;?<>]+@[^@\\s,;?<>]+\\.[^@\\s,;?<>]+");
    private static final Pattern LOOPBACK = Pattern.compile("localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\]");

    private Endpoints() {
    }

    public static Optional<String> problem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("'" + text + "' is not a URI: " + e.getReason());
        }
        if (ContactPoint.Transport.of(uri).isEmpty()) {
            return Optional.of("'" + text + "' must start with https://, sftp:// or mailto:");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "mailto" -> mail(uri);
            case "sftp" -> sftp(uri);
            default -> http(uri, scheme);
        };
    }

    private static Optional<String> http(URI uri, String scheme) {
        if (uri.getHost() == null) {
            return Optional.of("'" + uri + "' has no host name");
        }
        if (uri.getUserInfo() != null) {
            // Not echoed: the part before '@' may be a password, and this message is logged.
            return Optional.of("'" + uri.getScheme() + "://" + uri.getHost() + "...' carries a user name or password; "
                    + "use credentials (names of environment variables) instead");
        }
        // Plain HTTP would expose the delivery's metadata and any bearer token on the network; the demo receiver is local.
        if (scheme.equals("http") && !LOOPBACK.matcher(uri.getHost()).matches()) {
            return Optional.of("'" + uri + "' uses http:// to a host other than this machine; use https://");
        }
        return Optional.empty();
    }

    private static Optional<String> sftp(URI uri) {
        if (uri.getHost() == null) {
            return Optional.of("'" + uri + "' has no host name (sftp://host:port/folder)");
        }
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            return Optional.of("'sftp://" + uri.getHost() + "...' carries a password; the URI may name the user only");
        }
        if (uri.getPath() == null || uri.getPath().length() < 2) {
            return Optional.of("'" + uri + "' names no folder (sftp://host:port/folder)");
        }
        return Optional.empty();
    }

    private static Optional<String> mail(URI uri) {
        // One address and nothing else: headers in a mailto (?cc=...) would send copies no rule decided.
        String address = uri.getSchemeSpecificPart();
        if (uri.getQuery() != null || address == null || !MAIL_ADDRESS.matcher(address).matches()) {
            return Optional.of("'" + uri + "' must be mailto: followed by exactly one mail address, e.g. mailto:intel@agency.example");
        }
        return Optional.empty();
    }
}
