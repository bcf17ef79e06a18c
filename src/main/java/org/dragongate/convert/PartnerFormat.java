package org.dragongate.convert;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one partner may send: which formats it is allowed to use, and, when it has its own layout,
 * the mapping that reads it. Loaded by {@link PartnerFormats} from
 * {@code config/mappings/<PARTNER>.yaml}; a partner without a file may send the common schema as
 * XML, JSON or CSV.
 */
public final class PartnerFormat {
    private static final Set<DocumentFormat> CANONICAL =
            EnumSet.of(DocumentFormat.CANONICAL_XML, DocumentFormat.CANONICAL_JSON, DocumentFormat.CANONICAL_CSV);

    private final String partnerId;
    private final Set<DocumentFormat> accepted;
    private final Mapping mapping;

    PartnerFormat(String partnerId, Set<DocumentFormat> accepted, Mapping mapping) {
        this.partnerId = Objects.requireNonNull(partnerId);
        this.accepted = Set.copyOf(accepted);
        this.mapping = mapping;
    }

    /** The default for a partner without a mapping file: the common schema only. */
    public static PartnerFormat canonicalOnly(String partnerId) {
        return new PartnerFormat(partnerId, CANONICAL, null);
    }

    public String partnerId() {
        return partnerId;
    }

    public Set<DocumentFormat> accepted() {
        return accepted;
    }

    public boolean accepts(DocumentFormat format) {
        return accepted.contains(format);
    }

    /** The syntax of the partner's own layout, when it has one. */
    public Optional<Syntax> mappedSyntax() {
        return Optional.ofNullable(mapping).map(Mapping::syntax);
    }

    Optional<Mapping> mapping() {
        return Optional.ofNullable(mapping);
    }

    @Override
    public String toString() {
        return partnerId + " accepts " + accepted.stream().map(DocumentFormat::configName).sorted().toList();
    }
}
