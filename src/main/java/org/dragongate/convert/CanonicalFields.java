package org.dragongate.convert;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dragongate.notice.Category;
import org.dragongate.notice.CitesAppendix;
import org.dragongate.notice.Handling;
import org.dragongate.notice.NoticeKind;
import org.dragongate.notice.PartyRole;
import org.dragongate.notice.PlaceRole;
import org.dragongate.notice.TransportMode;
import org.dragongate.notice.Unit;

/**
 * The fields of the common schema that a sender can fill, as dotted paths: what a mapping may
 * target. Checked when a mapping is loaded, so an administrator's typo fails at start-up with a
 * message instead of silently dropping a field of every notice. Provenance and attachments are
 * not here: only the gateway writes them.
 */
final class CanonicalFields {
    /** What a target holds. */
    enum Shape { VALUE, VALUE_LIST, OBJECT_LIST }

    /** @param allowed the only values the field takes (an enumeration), or empty for free values */
    record Field(Shape shape, Set<String> allowed, Map<String, Field> itemFields) {
    }

    static final Map<String, Field> TOP = top();

    private CanonicalFields() {
    }

    /** The field at a dotted path among {@code fields}, e.g. {@code quantity.unit} among a commodity's. */
    static Optional<Field> find(Map<String, Field> fields, String path) {
        return Optional.ofNullable(fields.get(path));
    }

    private static Map<String, Field> top() {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("id", value());
        fields.put("kind", choice(names(NoticeKind.values())));
        fields.put("category", choice(names(Category.values())));
        fields.put("issuingAgency.name", value());
        fields.put("issuingAgency.country", value());
        fields.put("dates.issued", value());
        fields.put("dates.event", value());
        fields.put("dates.validUntil", value());
        fields.put("summary", value());
        Map<String, Field> place = new LinkedHashMap<>();
        place.put("role", choice(names(PlaceRole.values())));
        place.put("name", value());
        place.put("country", value());
        place.put("locode", value());
        fields.put("places", objects(place));
        Map<String, Field> commodity = new LinkedHashMap<>();
        commodity.put("description", value());
        commodity.put("hsCode", value());
        commodity.put("cites.species", value());
        commodity.put("cites.appendix", choice(names(CitesAppendix.values())));
        commodity.put("quantity.value", value());
        commodity.put("quantity.unit", choice(Arrays.stream(Unit.values()).map(Unit::symbol).collect(Collectors.toSet())));
        fields.put("commodities", objects(commodity));
        fields.put("conveyance.mode", choice(names(TransportMode.values())));
        fields.put("conveyance.vesselOrFlight", value());
        fields.put("conveyance.containerNumbers", new Field(Shape.VALUE_LIST, Set.of(), Map.of()));
        fields.put("route.origin", value());
        fields.put("route.transits", new Field(Shape.VALUE_LIST, Set.of(), Map.of()));
        fields.put("route.destination", value());
        Map<String, Field> party = new LinkedHashMap<>();
        party.put("role", choice(names(PartyRole.values())));
        party.put("name", value());
        party.put("country", value());
        fields.put("parties", objects(party));
        fields.put("requestedAction", value());
        fields.put("handling", choice(names(Handling.values())));
        fields.put("concernedCountries", new Field(Shape.VALUE_LIST, Set.of(), Map.of()));
        return Map.copyOf(fields);
    }

    private static Field value() {
        return new Field(Shape.VALUE, Set.of(), Map.of());
    }

    private static Field choice(Set<String> allowed) {
        return new Field(Shape.VALUE, new TreeSet<>(allowed), Map.of());
    }

    private static Field objects(Map<String, Field> itemFields) {
        return new Field(Shape.OBJECT_LIST, Set.of(), Map.copyOf(itemFields));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
