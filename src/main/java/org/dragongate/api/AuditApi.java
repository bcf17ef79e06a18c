package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail.AuditRecord;

/** The audit trail through the API, from the same {@link AuditChain} as the {@code audit} commands. */
public final class AuditApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** The result of a verification; {@code firstBroken} is null while the chain is intact. */
    public record Verification(boolean intact, long records, String headHash, AuditChain.BrokenLink firstBroken) {
    }

    private final AuditChain chain;

    public AuditApi(AuditChain chain) {
        this.chain = chain;
    }

    /** @param limit the {@code limit} query parameter: 1 to 1000, 100 when left out */
    public List<AuditRecord> latest(String limit) throws SQLException {
        return chain.latest(ApiParameters.wholeNumber("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    public Verification verify() throws SQLException {
        AuditChain.Verification result = chain.verify();
        return new Verification(result.intact(), result.records(), result.headHash(), result.brokenLink());
    }
}
