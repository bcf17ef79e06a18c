package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The move after intake when the other intake route makes the day's folder at the same moment: the
 * folder's first creation fails ("already exists"), as it does for the route that loses the race.
 */
class SharedInboxMovesTest {
    private CamelContext camel;
    private SftpEndpoint endpoint;

    @BeforeEach
    void endpoint() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        endpoint = camel.getEndpoint("sftp:127.0.0.1:2222/inbox?move=.done/20261203/${file:name}&moveFailed=.failed/${file:name}",
                SftpEndpoint.class);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aFolderTheOtherRouteMadeMeanwhileIsFoundOnTheSecondTryAndTheFileIsMoved() throws Exception {
        RacingServer server = new RacingServer();
        SharedInboxMoves moves = new SharedInboxMoves();
        moves.prepareOnStartup(server, endpoint);

        moves.commit(server, endpoint, exchangeFor(inboxFile()), inboxFile());

        assertThat(server.renames).containsExactly("inbox/CN-GACC/a.p7m -> inbox/.done/20261203/CN-GACC/a.p7m");
    }

    /** What camel-ftp does on its own with the same server: the move fails and the file stays in the inbox. */
    @Test
    void camelsOwnHandlingFailsTheMoveOnTheSameRace() throws Exception {
        RacingServer server = new RacingServer();
        GenericFileProcessStrategy<SftpRemoteFile> camelsOwn = SharedInboxMoves.camelsOwn(endpoint);
        camelsOwn.prepareOnStartup(server, endpoint);

        assertThatThrownBy(() -> camelsOwn.commit(server, endpoint, exchangeFor(inboxFile()), inboxFile()))
                .isInstanceOf(GenericFileOperationFailedException.class).hasMessageContaining("Cannot create directory");
        assertThat(server.renames).isEmpty();
    }

    @Test
    void aFolderThatCannotBeMadeStillFailsTheMove() throws Exception {
        RacingServer server = new RacingServer();
        server.denied = true;
        SharedInboxMoves moves = new SharedInboxMoves();
        moves.prepareOnStartup(server, endpoint);

        assertThatThrownBy(() -> moves.commit(server, endpoint, exchangeFor(inboxFile()), inboxFile()))
                .isInstanceOf(GenericFileOperationFailedException.class).hasMessageContaining("Cannot create directory");
        assertThat(server.renames).isEmpty();
    }

    /** The endpoint's other settings are camel-ftp's as before: sftp.delete=true deletes the file instead of moving it. */
    @Test
    void deleteInsteadOfMoveIsKept() throws Exception {
        SftpEndpoint deleting = camel.getEndpoint("sftp:127.0.0.1:2222/inbox?delete=true&moveFailed=.failed/${file:name}", SftpEndpoint.class);
        RacingServer server = new RacingServer();
        SharedInboxMoves moves = new SharedInboxMoves();
        moves.prepareOnStartup(server, deleting);

        moves.commit(server, deleting, exchangeFor(inboxFile()), inboxFile());

        assertThat(server.deletes).containsExactly("inbox/CN-GACC/a.p7m");
        assertThat(server.renames).isEmpty();
    }

    @Test
    void aReadLockIsRefusedRatherThanIgnored() throws Exception {
        SftpEndpoint locked = camel.getEndpoint("sftp:127.0.0.1:2222/inbox?move=.done&readLock=changed", SftpEndpoint.class);
        assertThatThrownBy(() -> new SharedInboxMoves().prepareOnStartup(new RacingServer(), locked))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readLock=changed");
    }

    private GenericFile<SftpRemoteFile> inboxFile() {
        GenericFile<SftpRemoteFile> file = new GenericFile<>();
        file.setEndpointPath("inbox");
        file.setFileName("CN-GACC/a.p7m");
        file.setFileNameOnly("a.p7m");
        file.setRelativeFilePath("CN-GACC/a.p7m");
        file.setAbsoluteFilePath("inbox/CN-GACC/a.p7m");
        file.setAbsolute(false);
        return file;
    }

    private Exchange exchangeFor(GenericFile<SftpRemoteFile> file) {
        Exchange exchange = new DefaultExchange(camel);
        file.bindToExchange(exchange);
        return exchange;
    }

    /**
     * A server on which every folder the route asks for is made by someone else just before: the first
     * attempt fails because it exists by then, a second finds it (unless folders are denied outright).
     */
    private static final class RacingServer implements GenericFileOperations<SftpRemoteFile> {
        final List<String> renames = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();
        final Set<String> folders = new HashSet<>();
        boolean denied;

        @Override
        public boolean buildDirectory(String directory, boolean absolute) {
            if (denied) {
                return false;
            }
            return !folders.add(directory);
        }

        @Override
        public boolean renameFile(String from, String to) {
            renames.add(from + " -> " + to);
            return true;
        }

        @Override
        public boolean existsFile(String name) {
            return false;
        }

        @Override
        public boolean deleteFile(String name) {
            deletes.add(name);
            return true;
        }

        @Override
        public GenericFile<SftpRemoteFile> newGenericFile() {
            return new GenericFile<>();
        }

        @Override
        public void setEndpoint(GenericFileEndpoint<SftpRemoteFile> endpoint) {
        }

        @Override
        public boolean retrieveFile(String name, Exchange exchange, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseRetrievedFileResources(Exchange exchange) {
        }

        @Override
        public boolean storeFile(String name, Exchange exchange, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean storeFileDirectly(String name, String content) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getCurrentDirectory() {
            return "";
        }

        @Override
        public void changeCurrentDirectory(String path) {
        }

        @Override
        public void changeToParentDirectory() {
        }

        @Override
        public SftpRemoteFile[] listFiles() {
            return new SftpRemoteFile[0];
        }

        @Override
        public SftpRemoteFile[] listFiles(String path) {
            return new SftpRemoteFile[0];
        }
    }
}
