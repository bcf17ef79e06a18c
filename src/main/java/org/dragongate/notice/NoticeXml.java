package org.dragongate.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.JacksonXmlAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.xml.transform.stream.StreamSource;

/**
 * Writes and reads notices in the common XML schema. Writing validates against the XSD before a
 * byte reaches the output, so an invalid notice never leaves the gateway; reading validates first
 * too, then binds. Thread-safe; build one and share it (compiling the schema is the costly part).
 */
public final class NoticeXml {
    private final XmlMapper mapper;
    private final JsonMapper json;
    private final NoticeSchema schema;

    public NoticeXml() {
        this(new NoticeSchema());
    }

    public NoticeXml(NoticeSchema schema) {
        this.schema = schema;
        this.mapper = mapper();
        this.json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /**
     * Writes a notice as UTF-8 XML after checking it against the schema.
     *
     * @throws NoticeSchemaViolation nothing was written: the notice does not conform
     */
    public void write(Notice notice, OutputStream out) throws IOException, NoticeSchemaViolation {
        out.write(toXml(notice));
    }

    /** The notice as validated UTF-8 XML bytes. */
    public byte[] toXml(Notice notice) throws IOException, NoticeSchemaViolation {
        // Buffered whole: a notice is small (its text fields are bounded by the schema), and
        // nothing may be written before the whole of it has been validated.
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        mapper.writeValue(buffer, notice);
        byte[] xml = buffer.toByteArray();
        schema.validate(new StreamSource(new ByteArrayInputStream(xml)));
        return xml;
    }

    /**
     * SHA-256 (lower-case hex) of the notice's content: its XML as {@link #toXml} writes it, without the
     * provenance block. Provenance describes the package the notice came in (its digest, the time, the
     * signer's certificate), so it differs for a re-sealed resend of the same notice; the attachment
     * list stays, because other attachments are other content. Not validated: a digest, not a document.
     */
    public String contentSha256(Notice notice) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            mapper.writeValue(out, notice.withGatewayAdditions(null, notice.attachments()));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * Reads a notice written in the common schema (a contact point's view): validated against the
     * XSD with DTDs and external access off, then bound.
     */
    public Notice read(byte[] xml) throws IOException, NoticeSchemaViolation {
        schema.validate(new StreamSource(new ByteArrayInputStream(xml)));
        // Bound through the JSON shape: Jackson cannot bind a wrapped list into a record component
        // renamed for XML, and the tree route is the one the converter takes anyway.
        return json.treeToValue(NoticeTree.fromXml(mapper.readTree(xml)), Notice.class);
    }

    public Notice read(InputStream in, int maxBytes) throws IOException, NoticeSchemaViolation {
        byte[] xml = in.readNBytes(maxBytes + 1);
        if (xml.length > maxBytes) {
            throw new IOException("notice larger than " + maxBytes + " bytes");
        }
        return read(xml);
    }

    private static XmlMapper mapper() {
        XmlFactory factory = XmlFactory.builder()
                .xmlInputFactory(SafeStax.inputFactory())
                .build();
        XmlMapper mapper = XmlMapper.builder(factory)
                .annotationIntrospector(new SchemaNamespace())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // xs:decimal has no exponent: 1E+3 would fail the schema.
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .build();
        return mapper;
    }

    /** Puts every element in the schema's namespace, so the model needs no namespace on each field. */
    private static final class SchemaNamespace extends JacksonXmlAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public String findNamespace(MapperConfig<?> config, Annotated annotated) {
            String namespace = super.findNamespace(config, annotated);
            return namespace == null || namespace.isEmpty() ? Notice.NAMESPACE : namespace;
        }

        @Override
        public PropertyName findWrapperName(Annotated annotated) {
            PropertyName wrapper = super.findWrapperName(annotated);
            boolean unqualified = wrapper != null && wrapper.hasSimpleName()
                    && (wrapper.getNamespace() == null || wrapper.getNamespace().isEmpty());
            return unqualified ? wrapper.withNamespace(Notice.NAMESPACE) : wrapper;
        }
    }
}
