package org.dragongate.crypto;

/**
 * Size limits applied while opening a package. Checked as bytes stream past, so a package is
 * refused as {@link RejectReason#TOO_LARGE} before it can fill a disk or the heap.
 *
 * @param maxPackageBytes  the sealed package as received (any encoding)
 * @param maxContentBytes  the signed content once decrypted
 * @param maxExpandedBytes content of a CMS CompressedData layer once expanded
 */
public record OpenLimits(long maxPackageBytes, long maxContentBytes, long maxExpandedBytes) {
    public static final long GIB = 1024L * 1024 * 1024;

    public static OpenLimits defaults() {
        return new OpenLimits(4 * GIB, 4 * GIB, 512L * 1024 * 1024);
    }
}
