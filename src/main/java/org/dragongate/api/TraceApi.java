package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.store.PackageHistory;
import org.dragongate.store.PackageTrace;

/** A package's trace through the API, from the same {@link PackageTrace} as the {@code trace} command. */
public final class TraceApi {
    /** Longer than any sha256, notice id or reference: the rest is refused before it reaches the database. */
    private static final int MAX_QUERY = 200;

    /** The packages the query matched, oldest first (several when a partner's reference has several versions). */
    public record Trace(String query, List<PackageHistory> packages) {
    }

    private final PackageTrace trace;

    public TraceApi(PackageTrace trace) {
        this.trace = trace;
    }

    /** @param query a package sha256 or a unique prefix of it, a gateway notice id, or a partner's notice reference */
    public Trace trace(String query) throws SQLException {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            throw ApiException.badRequest("give a package sha256 (or a prefix of at least " + PackageTrace.MIN_PREFIX
                    + " hex digits), a notice id or a notice reference, at most " + MAX_QUERY + " characters");
        }
        PackageTrace.Lookup lookup = trace.find(query);
        if (lookup instanceof PackageTrace.Found found) {
            return new Trace(query, found.packages());
        }
        if (lookup instanceof PackageTrace.Ambiguous ambiguous) {
            throw new ApiException(409, "AMBIGUOUS_QUERY", "'" + ambiguous.prefix() + "' is the start of several packages ("
                    + String.join(", ", ambiguous.candidates().stream().map(PackageTrace.Candidate::sha256).toList())
                    + (ambiguous.more() ? ", ..." : "") + "); give more of the sha256");
        }
        PackageTrace.NotFound notFound = (PackageTrace.NotFound) lookup;
        throw ApiException.notFound("NOT_FOUND", "nothing matches '" + notFound.query() + "': " + notFound.why());
    }
}
