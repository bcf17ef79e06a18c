package org.dragongate.notice;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * An intelligence notice in the common schema ({@code xsd/notice-1.xsd}), whatever format the
 * partner sent it in. Lists are never null. In XML each list is a wrapper element named like the
 * JSON field, holding one element per item; {@code provenance} and {@code attachments} are added by
 * the gateway.
 *
 * @param concernedCountries ISO 3166-1 alpha-2 codes of the countries the notice concerns
 */
@JacksonXmlRootElement(namespace = Notice.NAMESPACE, localName = "notice")
public record Notice(
        String id,
        NoticeKind kind,
        Category category,
        Agency issuingAgency,
        NoticeDates dates,
        String summary,
        @JacksonXmlElementWrapper(localName = "places") @JacksonXmlProperty(localName = "place")
        List<Place> places,
        @JacksonXmlElementWrapper(localName = "commodities") @JacksonXmlProperty(localName = "commodity")
        List<Commodity> commodities,
        Conveyance conveyance,
        Route route,
        @JacksonXmlElementWrapper(localName = "parties") @JacksonXmlProperty(localName = "party")
        List<Party> parties,
        String requestedAction,
        Handling handling,
        @JacksonXmlElementWrapper(localName = "concernedCountries") @JacksonXmlProperty(localName = "country")
        List<String> concernedCountries,
        @JacksonXmlElementWrapper(localName = "attachments") @JacksonXmlProperty(localName = "attachment")
        List<AttachmentInfo> attachments,
        Provenance provenance) {

    /** The schema's namespace; the version in it changes only with an incompatible schema. */
    public static final String NAMESPACE = "urn:dragongate:notice:1";

    public Notice {
        places = copy(places);
        commodities = copy(commodities);
        parties = copy(parties);
        concernedCountries = copy(concernedCountries);
        attachments = copy(attachments);
    }

    /** The same notice with what only the gateway knows: where it came from and what came with it. */
    public Notice withGatewayAdditions(Provenance newProvenance, List<AttachmentInfo> newAttachments) {
        return new Notice(id, kind, category, issuingAgency, dates, summary, places, commodities, conveyance, route, parties,
                requestedAction, handling, concernedCountries, newAttachments, newProvenance);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
