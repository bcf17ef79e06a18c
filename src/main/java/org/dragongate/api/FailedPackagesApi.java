package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.store.FailedPackages;

/** The failed-package operations of the API, on the {@link FailedPackages} the {@code failed} commands use. */
public final class FailedPackagesApi {
    private final FailedPackages failed;

    public FailedPackagesApi(FailedPackages failed) {
        this.failed = failed;
    }

    public List<FailedPackages.FailedPackage> list() throws SQLException {
        return failed.list();
    }

    /** 202 with the request; {@code id} is the package's SHA-256 or a prefix of at least 8 hex digits. */
    public ApiReply redrive(String id, ApiCaller caller) throws SQLException {
        return ApiReply.accepted(failed.redrive(id, caller.actor()));
    }
}
