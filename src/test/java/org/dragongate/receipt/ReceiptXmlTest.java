package org.dragongate.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dragongate.convert.FieldProblem;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The receipt XML the partner reads: namespace, status, and everything it needs to act on. */
class ReceiptXmlTest {
    private static final String NS = "urn:dragongate:receipt:1";
    private static final String SHA = "ab".repeat(32);
    private static final Instant ISSUED = Instant.parse("2025-03-01T10:15:30Z");

    /**
     * Each notice with the gateway's id, the partner's reference, what it was (new, a new version, a
     * duplicate) and its contact points with where each delivery stands: a duplicate of a notice
     * whose delivery failed must not read as delivered.
     */
    @Test
    void acceptedReceiptListsEachNoticeWithWhatItWasAndItsContactPointsStates() throws Exception {
        Receipt receipt = Receipt.accepted(SHA, "CN-GACC", List.of(
                new Receipt.NoticeReceipt("CN-GACC.N-2025-0042.v2", "N-2025-0042", Receipt.NoticeOutcome.NEW_VERSION,
                        "CN-GACC.N-2025-0042.v1", List.of(new Receipt.ContactPointState("VN-CUSTOMS-ASI", "QUEUED"),
                        new Receipt.ContactPointState("RILO-AP", "DELIVERED"))),
                new Receipt.NoticeReceipt("CN-GACC.N-2025-0043.v1", "N-2025-0043", Receipt.NoticeOutcome.DUPLICATE, null,
                        List.of(new Receipt.ContactPointState("VN-ENV-POLICE", "DEAD")))), ISSUED);

        Element root = parse(ReceiptXml.toBytes(receipt)).getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("receipt");
        assertThat(root.getAttribute("status")).isEqualTo("ACCEPTED");
        Element pkg = (Element) root.getElementsByTagNameNS(NS, "package").item(0);
        assertThat(pkg.getAttribute("sha256")).isEqualTo(SHA);
        assertThat(pkg.getAttribute("partner")).isEqualTo("CN-GACC");
        assertThat(root.getElementsByTagNameNS(NS, "issuedAt").item(0).getTextContent()).isEqualTo("2025-03-01T10:15:30Z");
        Element first = (Element) root.getElementsByTagNameNS(NS, "notice").item(0);
        assertThat(first.getAttribute("id")).isEqualTo("CN-GACC.N-2025-0042.v2");
        assertThat(first.getAttribute("reference")).isEqualTo("N-2025-0042");
        assertThat(first.getAttribute("outcome")).isEqualTo("NEW_VERSION");
        assertThat(first.getAttribute("supersedes")).isEqualTo("CN-GACC.N-2025-0042.v1");
        assertThat(texts(first, "contactPoint")).containsExactly("VN-CUSTOMS-ASI", "RILO-AP");
        assertThat(((Element) first.getElementsByTagNameNS(NS, "contactPoint").item(1)).getAttribute("state")).isEqualTo("DELIVERED");
        Element second = (Element) root.getElementsByTagNameNS(NS, "notice").item(1);
        assertThat(second.getAttribute("outcome")).isEqualTo("DUPLICATE");
        assertThat(second.hasAttribute("supersedes")).isFalse();
        assertThat(texts(second, "contactPoint")).containsExactly("VN-ENV-POLICE");
        assertThat(((Element) second.getElementsByTagNameNS(NS, "contactPoint").item(0)).getAttribute("state")).isEqualTo("DEAD");
        assertThat(root.getElementsByTagNameNS(NS, "rejection").getLength()).isZero();
    }

    @Test
    void rejectedReceiptCarriesReasonMessageAndFieldProblems() throws Exception {
        Receipt receipt = Receipt.rejected(SHA, "CN-GACC", RejectReason.INVALID_NOTICE, "2 problems", List.of(
                new FieldProblem(3, "commodities[0].hsCode", "commodity.hsCode", "12", "6 to 10 digits"),
                FieldProblem.missing("origin.country", "an ISO 3166 alpha-2 code")), ISSUED);

        Element root = parse(ReceiptXml.toBytes(receipt)).getDocumentElement();

        assertThat(root.getAttribute("status")).isEqualTo("REJECTED");
        Element rejection = (Element) root.getElementsByTagNameNS(NS, "rejection").item(0);
        assertThat(rejection.getAttribute("code")).isEqualTo("INVALID_NOTICE");
        assertThat(texts(rejection, "message")).containsExactly("2 problems");
        Element wrong = (Element) rejection.getElementsByTagNameNS(NS, "problem").item(0);
        assertThat(wrong.getAttribute("row")).isEqualTo("3");
        assertThat(wrong.getAttribute("path")).isEqualTo("commodities[0].hsCode");
        assertThat(wrong.getAttribute("source")).isEqualTo("commodity.hsCode");
        assertThat(texts(wrong, "value")).containsExactly("12");
        assertThat(texts(wrong, "expected")).containsExactly("6 to 10 digits");
        Element missing = (Element) rejection.getElementsByTagNameNS(NS, "problem").item(1);
        assertThat(missing.getElementsByTagNameNS(NS, "value").getLength()).isZero();
        assertThat(root.getElementsByTagNameNS(NS, "notice").getLength()).isZero();
    }

    /** A refusal message may quote bytes XML 1.0 cannot carry; the receipt must still be well-formed XML. */
    @Test
    void replacesCharactersXmlCannotCarry() throws Exception {
        Receipt receipt = Receipt.rejected(SHA, "CN-GACC", RejectReason.MALFORMED_DOCUMENT, "bad \u0000byte\u0001 <&>", List.of(), ISSUED);

        Element root = parse(ReceiptXml.toBytes(receipt)).getDocumentElement();

        assertThat(texts(root, "message")).containsExactly("bad ?byte? <&>");
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<String> texts(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS(NS, name);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }
}
