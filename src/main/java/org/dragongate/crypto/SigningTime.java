package org.dragongate.crypto;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Time;

/**
 * Reads the signing-time attribute. CMS requires UTCTime ({@code YYMMDDHHMMSSZ}) up to 2049 and
 * GeneralizedTime ({@code YYYYMMDDHHMMSSZ}) after; both are parsed here with java.time because
 * BouncyCastle's date conversion builds a SimpleDateFormat per call, a visible cost per package.
 */
final class SigningTime {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private SigningTime() {
    }

    static Instant of(ASN1Encodable value) {
        try {
            if (value instanceof ASN1UTCTime utc) {
                String text = utc.getTime();
                if (text.length() == 13 && text.endsWith("Z")) {
                    LocalDateTime time = LocalDateTime.parse(text.substring(0, 12), UTC_TIME);
                    // RFC 5280: UTCTime years 50-99 are 19xx, 00-49 are 20xx; java.time's yy is always 20xx.
                    if (time.getYear() >= 2050) {
                        time = time.minusYears(100);
                    }
                    return time.toInstant(ZoneOffset.UTC);
                }
            } else if (value instanceof ASN1GeneralizedTime generalized) {
                String text = generalized.getTimeString();
                if (text.length() == 15 && text.endsWith("Z")) {
                    return LocalDateTime.parse(text.substring(0, 14), GENERALIZED_TIME).toInstant(ZoneOffset.UTC);
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to BouncyCastle's general parser for unusual but legal forms
        }
        try {
            return Time.getInstance(value).getDate().toInstant();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable signing time", e);
        }
    }
}
