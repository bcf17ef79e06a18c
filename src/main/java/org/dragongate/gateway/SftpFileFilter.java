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
 */
public final class SftpFileFilter implements GenericFileFilter<Object> {
    static final String RECEIPTS = "receipts";

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
        return lower.endsWith(".p7m") || lower.endsWith(".pem") || lower.endsWith(".b64") || lower.endsWith(".p7");
    }

    private static boolean isLink(Object remote) {
        if (remote instanceof SftpRemoteFile<?> sftp && sftp.getRemoteFile() instanceof ChannelSftp.LsEntry entry) {
            return entry.getAttrs().isLink();
        }
        return false;
    }
}
