package org.dragongate.convert;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.dragongate.notice.CitesListing;
import org.dragongate.notice.Commodity;
import org.dragongate.notice.Conveyance;
import org.dragongate.notice.Notice;
import org.dragongate.notice.NoticeDates;
import org.dragongate.notice.NoticeKind;
import org.dragongate.notice.Party;
import org.dragongate.notice.Place;
import org.dragongate.notice.Quantity;
import org.dragongate.notice.Route;

/**
 * What makes a notice acceptable beyond its shape: codes that exist (ISO 3166 countries, ISO 6346
 * check digits), codes of the right form (UN/LOCODE, HS), quantities that make sense, and the
 * fields each kind of notice needs to be acted on. Every rule reports the field's path, its value
 * and what was expected. A field the reader already reported is not reported again.
 */
final class NoticeRules {
    static final int SHORT_TEXT = 256;
    static final int LONG_TEXT = 8000;
    private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,79}");
    private static final Pattern LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
    private static final Pattern HS_CODE = Pattern.compile("[0-9]{6,10}");

    private final CountryCodes countries;
    private final Problems problems;

    NoticeRules(CountryCodes countries, Problems problems) {
        this.countries = countries;
        this.problems = problems;
    }

    void check(Notice notice) {
        if (required(notice.id(), "id", "the sender's notice id") && !NOTICE_ID.matcher(notice.id()).matches()) {
            problems.add("id", notice.id(), "1 to 80 letters, digits and . _ : - (starting with a letter or digit)");
        }
        required(notice.kind(), "kind", "the kind of notice");
        required(notice.category(), "category", "the category");
        required(notice.handling(), "handling", "the handling marking (TLP)");
        if (required(notice.issuingAgency(), "issuingAgency", "the issuing agency's name and country")) {
            text(notice.issuingAgency().name(), "issuingAgency.name", SHORT_TEXT, "the agency's name");
            country(notice.issuingAgency().country(), "issuingAgency.country", true);
        }
        dates(notice);
        text(notice.summary(), "summary", LONG_TEXT, "a summary of the notice");
        text(notice.requestedAction(), "requestedAction", LONG_TEXT, null);
        places(notice.places());
        commodities(notice);
        conveyance(notice.conveyance());
        route(notice.route());
        parties(notice.parties());
        for (int i = 0; i < notice.concernedCountries().size(); i++) {
            country(notice.concernedCountries().get(i), "concernedCountries[" + i + "]", true);
        }
        if (notice.kind() != null) {
            kind(notice);
        }
    }

    /** What each kind needs so that a receiver can act on it (docs/schema.md has the table). */
    private void kind(Notice notice) {
        switch (notice.kind()) {
            case ALERT -> {
                concernedCountries(notice, "an alert names the countries that should watch out");
                if (notice.conveyance() == null && notice.route() == null && notice.parties().isEmpty()) {
                    problems.missing("conveyance", "for an alert, something to watch for: conveyance, route or parties");
                }
            }
            case SEIZURE_REPORT -> {
                if (notice.dates() != null && notice.dates().event() == null) {
                    problems.missing("dates.event", "for a seizure report, the day of the seizure");
                }
                if (notice.places().isEmpty()) {
                    problems.missing("places", "for a seizure report, where the seizure happened (a place)");
                }
                if (notice.commodities().isEmpty()) {
                    problems.missing("commodities", "for a seizure report, what was seized (a commodity with its quantity)");
                }
                for (int i = 0; i < notice.commodities().size(); i++) {
                    if (notice.commodities().get(i).quantity() == null) {
                        problems.missing("commodities[" + i + "].quantity", "for a seizure report, how much was seized");
                    }
                }
            }
            case REQUEST_FOR_ASSISTANCE -> {
                required(notice.requestedAction(), "requestedAction", "for a request for assistance, what is asked");
                concernedCountries(notice, "a request for assistance names the countries asked");
            }
            case INFORMATION -> {
                // Background only: the common fields are enough.
            }
        }
    }

    private void concernedCountries(Notice notice, String why) {
        if (notice.concernedCountries().isEmpty() && !problems.hasAt("concernedCountries")) {
            problems.missing("concernedCountries", "at least one country: " + why);
        }
    }

    private void dates(Notice notice) {
        NoticeDates dates = notice.dates();
        if (!required(dates, "dates", "the notice's dates (at least when it was issued)")) {
            return;
        }
        if (!required(dates.issued(), "dates.issued", "when the notice was issued, with UTC offset")) {
            return;
        }
        var issuedDay = dates.issued().toLocalDate();
        if (dates.validUntil() != null && dates.validUntil().isBefore(issuedDay)) {
            problems.add("dates.validUntil", dates.validUntil().toString(), "a day on or after the issue date " + issuedDay);
        }
        // A seizure is reported after it happens; an alert's event may well be ahead (an expected arrival).
        if (notice.kind() == NoticeKind.SEIZURE_REPORT && dates.event() != null && dates.event().isAfter(issuedDay)) {
            problems.add("dates.event", dates.event().toString(), "a seizure day on or before the issue date " + issuedDay);
        }
    }

    private void places(List<Place> places) {
        for (int i = 0; i < places.size(); i++) {
            Place place = places.get(i);
            String at = "places[" + i + "].";
            required(place.role(), at + "role", "why the place is named");
            text(place.name(), at + "name", SHORT_TEXT, null);
            boolean countryOk = country(place.country(), at + "country", true);
            if (locode(place.locode(), at + "locode") && countryOk && !place.locode().startsWith(place.country())) {
                problems.add(at + "locode", place.locode(), "a UN/LOCODE in the place's country " + place.country());
            }
        }
    }

    private void commodities(Notice notice) {
        for (int i = 0; i < notice.commodities().size(); i++) {
            Commodity commodity = notice.commodities().get(i);
            String at = "commodities[" + i + "].";
            text(commodity.description(), at + "description", SHORT_TEXT, "a description of the goods");
            if (commodity.hsCode() != null && !problems.hasAt(at + "hsCode") && !HS_CODE.matcher(commodity.hsCode()).matches()) {
                problems.add(at + "hsCode", commodity.hsCode(), "an HS code of 6 to 10 digits");
            }
            cites(commodity.cites(), at + "cites.");
            quantity(commodity.quantity(), at + "quantity.");
        }
    }

    private void cites(CitesListing cites, String at) {
        if (cites == null) {
            return;
        }
        text(cites.species(), at + "species", SHORT_TEXT, "the species' scientific name, as in the CITES checklist");
        required(cites.appendix(), at + "appendix", "the CITES appendix: I, II or III");
    }

    private void quantity(Quantity quantity, String at) {
        if (quantity == null) {
            return;
        }
        if (required(quantity.value(), at + "value", "the amount") && quantity.value().signum() < 0) {
            problems.add(at + "value", quantity.value().toPlainString(), "a quantity of zero or more");
        }
        if (quantity.value() != null && !fitsSchema(quantity.value())) {
            problems.add(at + "value", quantity.value().toPlainString(), "a number of at most 18 digits");
        }
        required(quantity.unit(), at + "unit", "the unit: mg, g, kg, t, ml, l, m3 or pieces");
    }

    private void conveyance(Conveyance conveyance) {
        if (conveyance == null) {
            return;
        }
        required(conveyance.mode(), "conveyance.mode", "the mode of transport");
        text(conveyance.vesselOrFlight(), "conveyance.vesselOrFlight", SHORT_TEXT, null);
        for (int i = 0; i < conveyance.containerNumbers().size(); i++) {
            String number = conveyance.containerNumbers().get(i);
            String at = "conveyance.containerNumbers[" + i + "]";
            if (!ContainerNumber.hasValidShape(number)) {
                problems.add(at, number, "an ISO 6346 container number: 3 letters, U, J or Z, 7 digits (e.g. CSQU3054383)");
            } else if (!ContainerNumber.isValid(number)) {
                problems.add(at, number, "check digit " + ContainerNumber.checkDigit(number.substring(0, 10))
                        + " (ISO 6346): the number is mistyped");
            }
        }
    }

    private void route(Route route) {
        if (route == null) {
            return;
        }
        locode(route.origin(), "route.origin");
        for (int i = 0; i < route.transits().size(); i++) {
            locode(route.transits().get(i), "route.transits[" + i + "]");
        }
        locode(route.destination(), "route.destination");
    }

    private void parties(List<Party> parties) {
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            String at = "parties[" + i + "].";
            required(party.role(), at + "role", "the party's role");
            text(party.name(), at + "name", SHORT_TEXT, "the party's name");
            country(party.country(), at + "country", false);
        }
    }

    // ---- building blocks -----------------------------------------------------------------------

    /** True when present; reports it missing otherwise (unless its value was already refused). */
    private boolean required(Object value, String path, String expected) {
        if (value != null) {
            return true;
        }
        if (!problems.hasAt(path)) {
            problems.missing(path, expected);
        }
        return false;
    }

    /** @param whenMissing what to say when the text is missing, or null when it is optional */
    private void text(String value, String path, int maxLength, String whenMissing) {
        if (value == null) {
            if (whenMissing != null) {
                required(null, path, whenMissing);
            }
            return;
        }
        if (value.length() > maxLength) {
            problems.add(path, value, "at most " + maxLength + " characters (got " + value.length() + ")");
        }
    }

    /** True when the code is present and assigned. */
    private boolean country(String code, String path, boolean isRequired) {
        if (code == null) {
            if (isRequired) {
                required(null, path, "an ISO 3166-1 alpha-2 country code");
            }
            return false;
        }
        if (!countries.isAssigned(code)) {
            problems.add(path, code, "an assigned ISO 3166-1 alpha-2 country code, e.g. VN");
            return false;
        }
        return true;
    }

    /** True when the code is present and well-formed with an assigned country part. */
    private boolean locode(String code, String path) {
        if (code == null) {
            return false;
        }
        if (!LOCODE.matcher(code).matches()) {
            problems.add(path, code, "a UN/LOCODE: 2-letter country code and 3 letters or digits 2-9, e.g. VNHPH");
            return false;
        }
        if (!countries.isAssigned(code.substring(0, 2))) {
            problems.add(path, code, "a UN/LOCODE whose first two letters are an assigned ISO 3166-1 country code");
            return false;
        }
        return true;
    }

    /** Within xs:decimal totalDigits 18: at most 18 digits in all, at most 18 of them after the point. */
    private static boolean fitsSchema(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        int digits = stripped.scale() < 0 ? stripped.precision() - stripped.scale() : stripped.precision();
        return digits <= 18 && stripped.scale() <= 18;
    }
}
