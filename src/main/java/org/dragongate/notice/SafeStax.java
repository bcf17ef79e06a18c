package org.dragongate.notice;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The one way this code base makes a StAX reader for documents from outside: Woodstox with DTDs
 * and external entities off, a resolver that refuses everything, and limits on depth, attributes,
 * text and entity use, so that a hostile document costs bounded time and memory.
 */
public final class SafeStax {
    /** Deeper than any notice layout needs (ours is 5), far below what would strain the stack. */
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ATTRIBUTES = 64;
    /** Per text node; the longest notice field is 8,000 characters. */
    public static final int MAX_TEXT_LENGTH = 1 << 20;
    public static final long MAX_ELEMENTS = 200_000;

    private SafeStax() {
    }

    public static XMLInputFactory inputFactory() {
        return inputFactory(MAX_DEPTH, MAX_TEXT_LENGTH);
    }

    public static XMLInputFactory inputFactory(int maxDepth, int maxTextLength) {
        WstxInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Should anything still try to resolve a DTD or entity, it gets an error, not a file.
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxDepth);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxTextLength);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, MAX_ELEMENTS);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return factory;
    }
}
