package org.dragongate.convert;

import org.dragongate.notice.Notice;

/**
 * A notice converted into the common schema, with its XML already written and validated against
 * the XSD: what the routing and delivery stages take.
 *
 * @param xml UTF-8 XML valid against notice-1.xsd; not copied, do not modify
 */
public record ConvertedNotice(Notice notice, byte[] xml) {
}
