package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dragongate.notice.Agency;
import org.dragongate.notice.Category;
import org.dragongate.notice.CitesAppendix;
import org.dragongate.notice.CitesListing;
import org.dragongate.notice.Commodity;
import org.dragongate.notice.Conveyance;
import org.dragongate.notice.Handling;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeDates;
import org.dragongate.notice.NoticeKind;
import org.dragongate.notice.Party;
import org.dragongate.notice.PartyRole;
import org.dragongate.notice.Place;
import org.dragongate.notice.PlaceRole;
import org.dragongate.notice.Quantity;
import org.dragongate.notice.Route;
import org.dragongate.notice.TransportMode;
import org.dragongate.notice.Unit;

/**
 * Reads a notice tree in the common schema's JSON shape (canonical JSON, canonical XML after
 * {@code NoticeTree.fromXml}, or what a mapping built) into the model. It reports what cannot be
 * read at all (an unknown field, a date that is not a date, a word outside an enumeration) and
 * leaves such fields empty; whether what was read is acceptable is {@link NoticeRules}' job.
 * Codes are normalised on the way in (upper case, no spaces in UN/LOCODEs and container numbers,
 * no dots in HS codes), since partners write them in those ways and mean the same code.
 */
final class NoticeTreeReader {
    private static final Set<String> GATEWAY_FIELDS = Set.of("provenance", "attachments");

    private final Problems problems;

    NoticeTreeReader(Problems problems) {
        this.problems = problems;
    }

    Notice read(JsonNode tree) {
        if (!tree.isObject()) {
            problems.add("", kindOf(tree), "an object holding the notice's fields");
            return null;
        }
        for (String field : GATEWAY_FIELDS) {
            if (tree.has(field)) {
                problems.add(field, summary(tree.get(field)), "nothing: the gateway writes " + field + " from the package itself");
            }
        }
        known(tree, "", "id", "kind", "category", "issuingAgency", "dates", "summary", "places", "commodities", "conveyance",
                "route", "parties", "requestedAction", "handling", "concernedCountries");
        return new Notice(
                text(tree, "id", ""),
                choice(tree, "kind", "", NoticeKind.class),
                choice(tree, "category", "", Category.class),
                agency(object(tree, "issuingAgency", ""), "issuingAgency."),
                dates(object(tree, "dates", ""), "dates."),
                text(tree, "summary", ""),
                items(tree, "places", "", this::place),
                items(tree, "commodities", "", this::commodity),
                conveyance(object(tree, "conveyance", ""), "conveyance."),
                route(object(tree, "route", ""), "route."),
                items(tree, "parties", "", this::party),
                text(tree, "requestedAction", ""),
                choice(tree, "handling", "", Handling.class),
                codes(tree, "concernedCountries", "", NoticeTreeReader::country),
                List.of(),
                null);
    }

    private Agency agency(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "name", "country");
        return new Agency(text(node, "name", at), code(node, "country", at, NoticeTreeReader::country));
    }

    private NoticeDates dates(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "issued", "event", "validUntil");
        return new NoticeDates(
                parsed(node, "issued", at, OffsetDateTime::parse, "a date and time with its UTC offset, e.g. 2026-11-20T09:30:00+09:00"),
                parsed(node, "event", at, LocalDate::parse, "a date, e.g. 2026-11-18"),
                parsed(node, "validUntil", at, LocalDate::parse, "a date, e.g. 2026-12-31"));
    }

    private Place place(JsonNode node, String at) {
        known(node, at, "role", "name", "country", "locode");
        return new Place(choice(node, "role", at, PlaceRole.class), text(node, "name", at),
                code(node, "country", at, NoticeTreeReader::country), code(node, "locode", at, NoticeTreeReader::locode));
    }

    private Commodity commodity(JsonNode node, String at) {
        known(node, at, "description", "hsCode", "cites", "quantity");
        return new Commodity(text(node, "description", at), code(node, "hsCode", at, NoticeTreeReader::hsCode),
                cites(object(node, "cites", at), at + "cites."), quantity(object(node, "quantity", at), at + "quantity."));
    }

    private CitesListing cites(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "species", "appendix");
        return new CitesListing(text(node, "species", at), choice(node, "appendix", at, CitesAppendix.class));
    }

    private Quantity quantity(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "value", "unit");
        BigDecimal value = parsed(node, "value", at, BigDecimal::new, "a decimal number, e.g. 12.5");
        String symbol = text(node, "unit", at);
        Unit unit = null;
        if (symbol != null) {
            unit = Unit.ofSymbol(symbol).orElse(null);
            if (unit == null) {
                problems.add(at + "unit", symbol, "one of " + Arrays.stream(Unit.values()).map(Unit::symbol).collect(Collectors.joining(", ")));
            }
        }
        return new Quantity(value, unit);
    }

    private Conveyance conveyance(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "mode", "vesselOrFlight", "containerNumbers");
        return new Conveyance(choice(node, "mode", at, TransportMode.class), text(node, "vesselOrFlight", at),
                codes(node, "containerNumbers", at, NoticeTreeReader::containerNumber));
    }

    private Route route(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        known(node, at, "origin", "transits", "destination");
        return new Route(code(node, "origin", at, NoticeTreeReader::locode), codes(node, "transits", at, NoticeTreeReader::locode),
                code(node, "destination", at, NoticeTreeReader::locode));
    }

    private Party party(JsonNode node, String at) {
        known(node, at, "role", "name", "country");
        return new Party(choice(node, "role", at, PartyRole.class), text(node, "name", at),
                code(node, "country", at, NoticeTreeReader::country));
    }

    // ---- building blocks -----------------------------------------------------------------------

    private interface ItemReader<T> {
        T read(JsonNode item, String at);
    }

    /** A list: a JSON array, or one item on its own (what XML gives for a single element). */
    private <T> List<T> items(JsonNode parent, String field, String at, ItemReader<T> reader) {
        List<JsonNode> nodes = listNodes(parent, field);
        List<T> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String itemAt = at + field + "[" + i + "]";
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                problems.add(itemAt, summary(node), "an object with the fields of a " + field);
                continue;
            }
            items.add(reader.read(node, itemAt + "."));
        }
        return items;
    }

    private List<String> codes(JsonNode parent, String field, String at, Function<String, String> normalise) {
        List<JsonNode> nodes = listNodes(parent, field);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String value = scalar(node, at + field + "[" + i + "]");
            if (value != null) {
                codes.add(normalise.apply(value));
            }
        }
        return codes;
    }

    private static List<JsonNode> listNodes(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        List<JsonNode> nodes = new ArrayList<>();
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return nodes;
        }
        if (node.isArray()) {
            node.forEach(nodes::add);
        } else {
            nodes.add(node);
        }
        return nodes;
    }

    private JsonNode object(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(at + field, summary(node), "an object");
            return null;
        }
        return node;
    }

    private String text(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        return node == null ? null : scalar(node, at + field);
    }

    private String code(JsonNode parent, String field, String at, Function<String, String> normalise) {
        String text = text(parent, field, at);
        return text == null ? null : normalise.apply(text);
    }

    private String scalar(JsonNode node, String path) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(path, summary(node), "a single value");
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private <E extends Enum<E>> E choice(JsonNode parent, String field, String at, Class<E> type) {
        String text = text(parent, field, at);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            problems.add(at + field, text, "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
    }

    private <T> T parsed(JsonNode parent, String field, String at, Function<String, T> parser, String expected) {
        String text = text(parent, field, at);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(at + field, text, expected);
            return null;
        }
    }

    private void known(JsonNode node, String at, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            boolean gatewayField = at.isEmpty() && GATEWAY_FIELDS.contains(field.getKey());
            if (!allowed.contains(field.getKey()) && !gatewayField) {
                problems.add(at + field.getKey(), summary(field.getValue()),
                        "no such field; " + (at.isEmpty() ? "a notice" : at.substring(0, at.length() - 1)) + " has " + String.join(", ", fields));
            }
        }
    }

    private static String summary(JsonNode node) {
        return node.isValueNode() ? node.asText() : kindOf(node);
    }

    private static String kindOf(JsonNode node) {
        return node.isArray() ? "(a list)" : node.isObject() ? "(an object)" : node.asText();
    }

    // ---- normalisation: one spelling per code --------------------------------------------------

    private static String country(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /** "VN HPH" and "vnhph" are VNHPH. */
    private static String locode(String text) {
        return text.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** "0508.00" and "0508 00" are 050800. */
    private static String hsCode(String text) {
        return text.replaceAll("[.\\s]", "");
    }

    /** "MSCU 123456-6" is MSCU1234566. */
    private static String containerNumber(String text) {
        return text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
