package org.dragongate.api;

/** Who made an API request: the name of the admin token presented, and its role. */
public record ApiCaller(String name, ApiRole role) {
    /** How the audit trail names the caller. */
    public String actor() {
        return "api:" + name;
    }
}
