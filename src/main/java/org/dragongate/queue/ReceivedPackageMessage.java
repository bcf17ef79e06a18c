package org.dragongate.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.dragongate.intake.Channel;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.ReceivedPackage;

/**
 * The message on the {@code received} queue: a claim check for a package in the archive, never
 * the package. It is a small JSON object with the package's SHA-256, size, channel, time of
 * receipt and form; the reader finds the bytes through its own archive by the SHA-256, so every
 * gateway instance that shares the archive folder can take any instance's message, wherever that
 * folder is mounted.
 *
 * <pre>{"v":1,"sha256":"…","size":1234,"channel":{"kind":"sftp","partner":"CN-GACC","origin":"CN-GACC/a.p7m"},
 *  "receivedAt":"2025-01-01T00:00:00Z","form":"CMS"}</pre>
 */
public final class ReceivedPackageMessage {
    /** Bumped when the layout changes incompatibly; messages wait in the journal across upgrades. */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PackageArchive archive;

    public ReceivedPackageMessage(PackageArchive archive) {
        this.archive = archive;
    }

    public String write(ReceivedPackage received) {
        ObjectNode message = JSON.createObjectNode();
        message.put("v", VERSION);
        message.put("sha256", received.sha256());
        message.put("size", received.size());
        ObjectNode channel = message.putObject("channel");
        channel.put("kind", received.channel().kind());
        channel.put("partner", received.channel().partnerId());
        channel.put("origin", received.channel().origin());
        message.put("receivedAt", received.receivedAt().toString());
        message.put("form", received.form().name());
        return message.toString();
    }

    /**
     * The package a message refers to, in this instance's archive. Whether the flow already finished
     * with it is the tracking database's to say ({@code PackageIntake.resume}), not the message's.
     *
     * @throws MalformedMessage not a message this gateway wrote; it fails every attempt and ends on the dead-letter queue
     */
    public ReceivedPackage read(String text) throws MalformedMessage {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessage("not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            throw new MalformedMessage("not a JSON object");
        }
        int version = message.path("v").asInt(-1);
        if (version != VERSION) {
            throw new MalformedMessage("layout version " + message.path("v") + ", this gateway reads " + VERSION);
        }
        String sha256 = text(message, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new MalformedMessage("sha256 is not a SHA-256 in lower-case hex");
        }
        JsonNode size = message.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new MalformedMessage("size is not a byte count");
        }
        JsonNode channel = message.path("channel");
        Channel from = new Channel(text(channel, "kind"), text(channel, "partner"), text(channel, "origin"));
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(text(message, "receivedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedMessage("receivedAt is not an ISO-8601 instant");
        }
        ReceivedPackage.PackageForm form;
        try {
            form = ReceivedPackage.PackageForm.valueOf(text(message, "form"));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("form is not one of CMS, SMIME");
        }
        return new ReceivedPackage(sha256, size.asLong(), archive.pathOf(sha256), from, receivedAt,
                false, form);
    }

    private static String text(JsonNode node, String field) throws MalformedMessage {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MalformedMessage(field + " is missing or not text");
        }
        return value.asText();
    }

    /** A message that is not a claim check this gateway wrote. */
    public static final class MalformedMessage extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedMessage(String problem) {
            super("malformed received-package message: " + problem);
        }
    }
}
