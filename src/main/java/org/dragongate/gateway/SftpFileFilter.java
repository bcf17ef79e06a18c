package org.dragongate.gateway;

import com.jcraft.jsch.ChannelSftp;
import java.util.Locale;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.remote.SftpRemoteFile;

/**
 * Which remote entries the SFTP consumer takes: complete package files only. Partners upload
 * under a temporary name (anything not ending in .p7m, .pem, .b64 or .p7, or starting with a dot)
 * and rename when done. Symbolic links are never followed, and the gateway's own .done and
 * .failed folders are not walked into. A name with a backslash is left alone: Camel's file
 * component turns backslashes into slashes, so such a file could be neither read nor moved and
 * would fail again on every poll.
 *
 * <p>Several intake routes can share the inbox, each taking its own share of the files (by a hash of
 * the file's path), so one file's download, archive sync, database commit and queue send overlap with
 * another's. Every share walks every partner folder.
 */
public final class SftpFileFilter implements GenericFileFilter<Object> {
    static final String RECEIPTS = "receipts";

    private final int share;
    private final int shares;

    /** All files: one intake route. */
    public SftpFileFilter() {
        this(0, 1);
    }

    /** The files of share {@code share} (0-based) of {@code shares}: one of that many intake routes. */
    public SftpFileFilter(int share, int shares) {
        if (shares < 1 || share < 0 || share >= shares) {
            throw new IllegalArgumentException("share " + share + " of " + shares + " does not exist");
        }
        this.share = share;
        this.shares = shares;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        String name = file.getFileNameOnly();
        if (name == null || name.startsWith(".") || name.indexOf('\\') >= 0 || isLink(file.getFile())) {
            return false;
        }
        if (file.isDirectory()) {
            // The gateway writes its receipts into <PARTNER>/receipts: they must never come back in as packages.
            return !RECEIPTS.equals(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean aPackage = lower.endsWith(".p7m") || lower.endsWith(".pem") || lower.endsWith(".b64") || lower.endsWith(".p7");
        return aPackage && shareOf(file.getRelativeFilePath(), shares) == share;
    }

    /** Which share a file belongs to: the same on every poll, so one route always takes it. */
    static int shareOf(String relativePath, int shares) {
        return Math.floorMod(String.valueOf(relativePath).hashCode(), shares);
    }

    private static boolean isLink(Object remote) {
        if (remote instanceof SftpRemoteFile<?> sftp && sftp.getRemoteFile() instanceof ChannelSftp.LsEntry entry) {
            return entry.getAttrs().isLink();
        }
        return false;
    }
}
