package org.dragongate.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * JSON in and out of the API: instants as ISO-8601 text, request bodies read strictly (an unknown
 * field is an error, so a misspelt one is not silently ignored), and every problem with a body
 * refused as a 400 that says where it is, never with a parser's stack trace.
 */
public final class ApiJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The body as {@code type}; an empty body is refused. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new ApiException(400, "BODY_REQUIRED", "this operation needs a JSON body (Content-Type: application/json)");
        }
        return parse(body, type);
    }

    /** The body as {@code type}, or {@code empty} when there is no body: for operations whose fields are all optional. */
    public <T> T readOptional(byte[] body, Class<T> type, T empty) {
        return body == null || new String(body, StandardCharsets.UTF_8).isBlank() ? empty : parse(body, type);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "UNKNOWN_FIELD", "unknown field '" + e.getPropertyName() + "'; the fields are "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonParseException e) {
            throw new ApiException(400, "MALFORMED_JSON", "the body is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + where(e.getLocation()));
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
            throw new ApiException(400, "INVALID_JSON", (field.isEmpty() ? "the body" : "field '" + field + "'") + " has the wrong type"
                    + " (text, a number, true/false, a list or an object as the operation describes in openapi.yaml)" + where(e.getLocation()));
        } catch (IOException e) {
            throw new ApiException(400, "MALFORMED_JSON", "the body cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
