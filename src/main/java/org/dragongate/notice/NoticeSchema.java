package org.dragongate.notice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The common schema, {@code xsd/notice-1.xsd}, compiled once. Validation runs with secure
 * processing on and every external access off: a document that names a DTD or another schema
 * cannot make the validator fetch it.
 */
public final class NoticeSchema {
    public static final String RESOURCE = "/xsd/notice-1.xsd";

    private final Schema schema;
    /**
     * A validator keeps its parser between documents; making a new one per notice costs several
     * times the validation itself. Validators are not thread-safe, hence one per thread.
     */
    private final ThreadLocal<Validator> validators = ThreadLocal.withInitial(this::newValidator);

    public NoticeSchema() {
        URL xsd = NoticeSchema.class.getResource(RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            schema = factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates a document and reports every violation, not just the first.
     *
     * @throws NoticeSchemaViolation listing each violation with its line and column
     */
    public void validate(Source document) throws NoticeSchemaViolation {
        Validator validator = validators.get();
        List<String> errors = new ArrayList<>();
        try {
            validator.setErrorHandler(new Collecting(errors));
            validator.validate(document);
        } catch (SAXException e) {
            // Not a schema violation the handler saw: the document is not well-formed XML.
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new NoticeSchemaViolation(errors);
        }
    }

    private Validator newValidator() {
        Validator validator = schema.newValidator();
        try {
            validator.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the XML validator does not support secure processing", e);
        }
        return validator;
    }

    /** Keeps going after an error so the report lists every violation; a fatal error still stops. */
    private record Collecting(List<String> errors) implements ErrorHandler {
        private static final int MAX = 50;

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a notice invalid.
        }

        @Override
        public void error(SAXParseException e) {
            if (errors.size() < MAX) {
                errors.add("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
            throw e;
        }
    }
}
