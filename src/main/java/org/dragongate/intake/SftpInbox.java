package org.dragongate.intake;

import java.util.regex.Pattern;

/**
 * Reads which partner a file on the SFTP server claims to come from: the folder under the inbox,
 * {@code <PARTNER>/<file>}. The name is only ever used for this and for the audit trail: the
 * archive is addressed by content, so a hostile name cannot steer a read or a write.
 */
public final class SftpInbox {
    private static final Pattern PARTNER_FOLDER = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");
    private static final int MAX_ORIGIN = 300;

    private SftpInbox() {
    }

    /** @param relativePath the path below the inbox as the SFTP consumer reports it, e.g. {@code CN-GACC/notice.p7m} */
    public static Channel channelFor(String relativePath) {
        String path = relativePath == null ? "" : relativePath;
        int slash = path.indexOf('/');
        String folder = slash > 0 ? path.substring(0, slash) : "";
        String partner = PARTNER_FOLDER.matcher(folder).matches() && path.indexOf('/', slash + 1) < 0 ? folder : "(no partner folder)";
        return new Channel(Channel.SFTP, partner, printable(path));
    }

    /** Control characters (NUL, CR, LF, ESC...) replaced, so a name cannot forge log lines or terminal output. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_ORIGIN).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
