package org.dragongate.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dragongate.notice.SafeStax;
import org.dragongate.refusal.PackageRejected;

/**
 * Reads XML and JSON documents from outside into Jackson's tree, safely: size read up to a limit
 * before parsing, no DTD at all in XML (so no external entity and no entity expansion can happen),
 * nesting and string lengths bounded in both. Every parse failure becomes MALFORMED_DOCUMENT.
 */
final class SafeDocuments {
    /**
     * What the first pass learnt about an XML document.
     *
     * @param foreignElement the first element outside the root's namespace, as {namespace}name, or null
     */
    record XmlOutline(QName root, String foreignElement) {
    }

    private final ConversionLimits limits;
    private final XMLInputFactory stax;
    private final XmlMapper xml;
    private final JsonMapper json;

    SafeDocuments(ConversionLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNesting())
                .maxStringLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxDocumentBytes())
                .maxNumberLength(100)
                .maxNameLength(1024)
                .build();
        this.stax = SafeStax.inputFactory(limits.maxNesting(), limits.maxStringLength());
        XmlFactory xmlFactory = XmlFactory.builder().xmlInputFactory(SafeStax.inputFactory(limits.maxNesting(), limits.maxStringLength()))
                .streamReadConstraints(constraints).build();
        this.xml = XmlMapper.builder(xmlFactory).build();
        JsonFactory jsonFactory = JsonFactory.builder().streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = JsonMapper.builder(jsonFactory)
                // 0.1 stays 0.1: quantities are decimals, not binary floating point.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The whole document, refused as TOO_LARGE past the limit without reading further. */
    byte[] readBounded(InputStream in) throws IOException, PackageRejected {
        byte[] bytes = in.readNBytes(limits.maxDocumentBytes() + 1);
        if (bytes.length > limits.maxDocumentBytes()) {
            throw Refusals.tooLarge("the notice document is larger than " + limits.maxDocumentBytes() + " bytes");
        }
        return bytes;
    }

    /**
     * A first streaming pass: refuses any DOCTYPE before anything could be expanded or fetched,
     * checks well-formedness within the limits, and names the root element (which decides the format).
     */
    XmlOutline outline(byte[] document) throws PackageRejected {
        XMLStreamReader reader = null;
        try {
            reader = stax.createXMLStreamReader(new ByteArrayInputStream(document));
            QName root = null;
            String foreign = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw Refusals.malformed("the notice document has a DOCTYPE; DTDs and entity declarations are not accepted", null);
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (root == null) {
                        root = reader.getName();
                    } else if (foreign == null && !root.getNamespaceURI().equals(reader.getNamespaceURI())) {
                        foreign = "{" + reader.getNamespaceURI() + "}" + reader.getLocalName();
                    }
                }
            }
            if (root == null) {
                throw Refusals.malformed("the notice document has no root element", null);
            }
            return new XmlOutline(root, foreign);
        } catch (XMLStreamException e) {
            throw Refusals.malformed("the notice document is not well-formed XML within the limits: " + firstLine(e.getMessage()), e);
        } finally {
            close(reader);
        }
    }

    /** The document as Jackson's tree (the root element's content; attributes become fields). */
    JsonNode xmlTree(byte[] document) throws PackageRejected {
        try {
            return xml.readTree(document);
        } catch (IOException e) {
            throw Refusals.malformed("the notice document is not readable XML: " + firstLine(e.getMessage()), e);
        }
    }

    JsonNode jsonTree(byte[] document) throws PackageRejected {
        try (JsonParser parser = json.createParser(document)) {
            JsonNode tree = json.readTree(parser);
            if (tree == null) {
                throw Refusals.malformed("the notice document is empty", null);
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw Refusals.malformed("the notice document exceeds a JSON limit: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw Refusals.malformed("the notice document is not well-formed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Parser messages can run on with a source excerpt; the first line says what went wrong. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Closing an in-memory reader: nothing to release that matters.
            }
        }
    }
}
