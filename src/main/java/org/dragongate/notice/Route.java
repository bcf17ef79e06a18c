package org.dragongate.notice;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/** The journey of the goods as UN/LOCODEs: where it started, where it passed, where it ends. */
public record Route(
        String origin,
        @JacksonXmlElementWrapper(localName = "transits") @JacksonXmlProperty(localName = "transit")
        List<String> transits,
        String destination) {

    public Route {
        transits = transits == null ? List.of() : List.copyOf(transits);
    }
}
