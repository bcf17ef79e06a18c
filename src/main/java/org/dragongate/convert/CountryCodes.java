package org.dragongate.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The assigned ISO 3166-1 alpha-2 codes, read from the list shipped with the gateway
 * ({@code iso3166-1-alpha2.txt}) rather than from the JDK's locale data, which is not a statement
 * about ISO assignments and changes with the JDK.
 */
public final class CountryCodes {
    static final String RESOURCE = "iso3166-1-alpha2.txt";

    private final Set<String> codes;

    private CountryCodes(Set<String> codes) {
        this.codes = Set.copyOf(codes);
    }

    public static CountryCodes iso3166() {
        try (InputStream in = CountryCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Set<String> codes = new TreeSet<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    codes.add(line.substring(0, 2));
                }
            }
            return new CountryCodes(codes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAssigned(String code) {
        return code != null && codes.contains(code);
    }

    public int size() {
        return codes.size();
    }
}
