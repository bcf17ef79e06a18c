package org.dragongate.gateway;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.component.file.remote.strategy.SftpProcessStrategyFactory;

/**
 * What happens to an inbox file once its route is done with it: camel-ftp's own handling, as the
 * endpoint's {@code move}, {@code moveFailed} and {@code delete} settings say, with one change:
 * creating the target folder is tried a second time when the first try fails.
 *
 * <p>Two intake routes share the inbox. When both finish a first file of the day for one partner at
 * the same moment, both find {@code .done/<date>/<partner>} missing and both create it; camel-ftp
 * takes the loser's "already exists" for a failure, logs it with a stack trace and leaves the file
 * in the inbox, so the next poll downloads it again (a whole large package) only to find it a
 * duplicate. The second try finds the folder there. A folder that truly cannot be made still fails,
 * as before.
 */
public final class SharedInboxMoves implements GenericFileProcessStrategy<SftpRemoteFile> {
    private GenericFileProcessStrategy<SftpRemoteFile> camelsOwn;

    @Override
    public synchronized void prepareOnStartup(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint)
            throws Exception {
        if (camelsOwn == null) {
            camelsOwn = camelsOwn(endpoint);
        }
        camelsOwn.prepareOnStartup(retrying(operations), endpoint);
    }

    @Override
    public boolean begin(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                         GenericFile<SftpRemoteFile> file) throws Exception {
        return camelsOwn.begin(retrying(operations), endpoint, exchange, file);
    }

    @Override
    public void abort(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                      GenericFile<SftpRemoteFile> file) throws Exception {
        camelsOwn.abort(retrying(operations), endpoint, exchange, file);
    }

    @Override
    public void commit(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                       GenericFile<SftpRemoteFile> file) throws Exception {
        camelsOwn.commit(retrying(operations), endpoint, exchange, file);
    }

    @Override
    public void rollback(GenericFileOperations<SftpRemoteFile> operations, GenericFileEndpoint<SftpRemoteFile> endpoint, Exchange exchange,
                         GenericFile<SftpRemoteFile> file) throws Exception {
        camelsOwn.rollback(retrying(operations), endpoint, exchange, file);
    }

    /**
     * The strategy camel-ftp would have made for the endpoint. Only the settings the intake routes use
     * are carried over; a read lock (the routes rely on the upload-then-rename convention instead) is refused.
     */
    static GenericFileProcessStrategy<SftpRemoteFile> camelsOwn(GenericFileEndpoint<SftpRemoteFile> endpoint) {
        String readLock = endpoint.getReadLock();
        if (readLock != null && !readLock.isBlank() && !readLock.equals("none")) {
            throw new IllegalArgumentException("the shared inbox's moves support no read lock (readLock=" + readLock + "); files are taken"
                    + " once renamed complete");
        }
        // As the endpoint hands them to the factory: a flag is there when set (the factory reads its presence, not its value).
        Map<String, Object> settings = new HashMap<>();
        if (endpoint.isNoop()) {
            settings.put("noop", true);
        }
        if (endpoint.isDelete()) {
            settings.put("delete", true);
        }
        if (endpoint.getMove() != null) {
            settings.put("move", endpoint.getMove());
        }
        if (endpoint.getMoveFailed() != null) {
            settings.put("moveFailed", endpoint.getMoveFailed());
        }
        if (endpoint.getPreMove() != null) {
            settings.put("preMove", endpoint.getPreMove());
        }
        return new SftpProcessStrategyFactory().createGenericFileProcessStrategy(endpoint.getCamelContext(), settings);
    }

    static GenericFileOperations<SftpRemoteFile> retrying(GenericFileOperations<SftpRemoteFile> operations) {
        return operations instanceof RetryingFolders ? operations : new RetryingFolders(operations);
    }

    /** The consumer's operations, but a folder that could not be made is tried once more. */
    private static final class RetryingFolders implements GenericFileOperations<SftpRemoteFile> {
        private final GenericFileOperations<SftpRemoteFile> operations;

        RetryingFolders(GenericFileOperations<SftpRemoteFile> operations) {
            this.operations = operations;
        }

        @Override
        public boolean buildDirectory(String directory, boolean absolute) throws GenericFileOperationFailedException {
            // The second call finds a folder made meanwhile by the other route and answers true.
            return operations.buildDirectory(directory, absolute) || operations.buildDirectory(directory, absolute);
        }

        @Override
        public GenericFile<SftpRemoteFile> newGenericFile() {
            return operations.newGenericFile();
        }

        @Override
        public void setEndpoint(GenericFileEndpoint<SftpRemoteFile> endpoint) {
            operations.setEndpoint(endpoint);
        }

        @Override
        public boolean deleteFile(String name) throws GenericFileOperationFailedException {
            return operations.deleteFile(name);
        }

        @Override
        public boolean existsFile(String name) throws GenericFileOperationFailedException {
            return operations.existsFile(name);
        }

        @Override
        public boolean renameFile(String from, String to) throws GenericFileOperationFailedException {
            return operations.renameFile(from, to);
        }

        @Override
        public boolean retrieveFile(String name, Exchange exchange, long size) throws GenericFileOperationFailedException {
            return operations.retrieveFile(name, exchange, size);
        }

        @Override
        public void releaseRetrievedFileResources(Exchange exchange) throws GenericFileOperationFailedException {
            operations.releaseRetrievedFileResources(exchange);
        }

        @Override
        public boolean storeFile(String name, Exchange exchange, long size) throws GenericFileOperationFailedException {
            return operations.storeFile(name, exchange, size);
        }

        @Override
        public boolean storeFileDirectly(String name, String content) throws GenericFileOperationFailedException {
            return operations.storeFileDirectly(name, content);
        }

        @Override
        public String getCurrentDirectory() throws GenericFileOperationFailedException {
            return operations.getCurrentDirectory();
        }

        @Override
        public void changeCurrentDirectory(String path) throws GenericFileOperationFailedException {
            operations.changeCurrentDirectory(path);
        }

        @Override
        public void changeToParentDirectory() throws GenericFileOperationFailedException {
            operations.changeToParentDirectory();
        }

        @Override
        public SftpRemoteFile[] listFiles() throws GenericFileOperationFailedException {
            return operations.listFiles();
        }

        @Override
        public SftpRemoteFile[] listFiles(String path) throws GenericFileOperationFailedException {
            return operations.listFiles(path);
        }
    }
}
