package org.dragongate.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's static files, read from the classpath folder {@code console/}. Only names made
 * of lower-case letters, digits and hyphens in plain sub-folders are looked up, so a request path
 * can never reach another classpath resource (no dots but the extension's, no back-slashes, no encoding).
 */
public final class ConsoleFiles {
    /** Where the gateway serves the console. */
    public static final String PATH = "/console";
    private static final String ROOT = "console/";
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9-]+/)*[a-z0-9-]+\\.(html|js|css|svg|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");

    private final ClassLoader loader;

    public ConsoleFiles() {
        this(ConsoleFiles.class.getClassLoader());
    }

    ConsoleFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** A file to send: its bytes and the Content-Type they are. */
    public record ConsoleFile(String name, byte[] content, String contentType) {
    }

    /**
     * @param requestPath the whole request path, e.g. {@code /console/js/app.js}; {@code /console/} is the index page
     * @return the file, or empty when the path names no console file
     */
    public Optional<ConsoleFile> find(String requestPath) {
        if (requestPath == null || !requestPath.startsWith(PATH + "/")) {
            return Optional.empty();
        }
        String name = requestPath.substring(PATH.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new ConsoleFile(name, in.readAllBytes(), TYPES.get(matcher.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + name, e);
        }
    }
}
