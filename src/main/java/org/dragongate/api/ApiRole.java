package org.dragongate.api;

import java.util.Locale;

/** What an admin token may do through the API: an admin reads and changes, an auditor only reads. */
public enum ApiRole {
    ADMIN,
    AUDITOR;

    /** The administrator's word for it: {@code admin} or {@code auditor}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mayWrite() {
        return this == ADMIN;
    }

    /** @throws AdminTokenException INVALID_INPUT for anything but admin or auditor */
    public static ApiRole of(String word) {
        for (ApiRole role : values()) {
            if (role.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
                return role;
            }
        }
        throw new AdminTokenException(AdminTokenException.Problem.INVALID_INPUT, "role '" + word + "' must be admin or auditor");
    }
}
