package org.dragongate.notice;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import java.util.List;

/**
 * What carries the goods.
 *
 * @param vesselOrFlight   the vessel name, flight number, vehicle plate or train
 * @param containerNumbers ISO 6346 numbers, 11 characters with the check digit, no spaces
 */
public record Conveyance(
        TransportMode mode,
        String vesselOrFlight,
        @JacksonXmlElementWrapper(localName = "containerNumbers") @JacksonXmlProperty(localName = "containerNumber")
        List<String> containerNumbers) {

    public Conveyance {
        containerNumbers = containerNumbers == null ? List.of() : List.copyOf(containerNumbers);
    }
}
