package org.dragongate.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link LimitExceeded} once more than {@code limit} bytes have been read. */
final class LimitedInputStream extends FilterInputStream {
    /** Signals an exceeded limit through IO code that only lets IOExceptions through. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;
        final String what;
        final long limit;

        LimitExceeded(String what, long limit) {
            super(what + " exceeds the limit of " + limit + " bytes");
            this.what = what;
            this.limit = limit;
        }
    }

    private final String what;
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, String what, long limit) {
        super(in);
        this.what = what;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    private void count(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(what, limit);
        }
    }
}
