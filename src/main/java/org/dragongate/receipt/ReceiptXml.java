package org.dragongate.receipt;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dragongate.convert.FieldProblem;

/**
 * Writes a receipt as XML in {@code urn:dragongate:receipt:1}:
 * <pre>{@code
 * <receipt xmlns="urn:dragongate:receipt:1" status="ACCEPTED">
 *   <package sha256="..." partner="CN-GACC"/>
 *   <issuedAt>2025-01-01T00:00:00Z</issuedAt>
 *   <notice id="CN-GACC.N-1.v2" reference="N-1" outcome="NEW_VERSION" supersedes="CN-GACC.N-1.v1">
 *     <contactPoint state="QUEUED">VN-CUSTOMS-ASI</contactPoint>
 *   </notice>
 * </receipt>
 * <receipt xmlns="urn:dragongate:receipt:1" status="REJECTED">
 *   ...
 *   <rejection code="INVALID_NOTICE">
 *     <message>2 problems</message>
 *     <problem row="0" path="origin.country" source="..."><value>XX</value><expected>an ISO 3166 code</expected></problem>
 *   </rejection>
 * </receipt>
 * }</pre>
 * Refusal messages and sender values may hold characters XML 1.0 cannot carry: those become {@code ?}.
 */
public final class ReceiptXml {
    public static final String NAMESPACE = "urn:dragongate:receipt:1";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private ReceiptXml() {
    }

    public static byte[] toBytes(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(receipt, out);
        return out.toByteArray();
    }

    /** UTF-8; the stream is not closed. */
    public static void write(Receipt receipt, OutputStream out) {
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "receipt");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeAttribute("status", receipt.status().name());
            xml.writeEmptyElement(NAMESPACE, "package");
            xml.writeAttribute("sha256", receipt.packageSha256());
            xml.writeAttribute("partner", receipt.partnerId());
            text(xml, "issuedAt", receipt.issuedAt().toString());
            for (Receipt.NoticeReceipt notice : receipt.notices()) {
                xml.writeStartElement(NAMESPACE, "notice");
                xml.writeAttribute("id", safe(notice.noticeId()));
                xml.writeAttribute("reference", safe(notice.reference()));
                xml.writeAttribute("outcome", notice.outcome().name());
                if (notice.supersedes() != null) {
                    xml.writeAttribute("supersedes", safe(notice.supersedes()));
                }
                for (Receipt.ContactPointState contactPoint : notice.contactPoints()) {
                    xml.writeStartElement(NAMESPACE, "contactPoint");
                    xml.writeAttribute("state", contactPoint.state());
                    xml.writeCharacters(safe(contactPoint.contactPointId()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            if (receipt.reason() != null) {
                xml.writeStartElement(NAMESPACE, "rejection");
                xml.writeAttribute("code", receipt.reason().name());
                if (receipt.message() != null) {
                    text(xml, "message", receipt.message());
                }
                for (FieldProblem problem : receipt.problems()) {
                    xml.writeStartElement(NAMESPACE, "problem");
                    xml.writeAttribute("row", Long.toString(problem.row()));
                    xml.writeAttribute("path", safe(problem.path()));
                    if (problem.source() != null) {
                        xml.writeAttribute("source", safe(problem.source()));
                    }
                    if (problem.value() != null) {
                        text(xml, "value", problem.value());
                    }
                    text(xml, "expected", problem.expected());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write receipt XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(safe(value));
        xml.writeEndElement();
    }

    /** XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates out of pairs, FFFE and FFFF. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(allowed(c) ? c : '?'));
        return clean.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }
}
