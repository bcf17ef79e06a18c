package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

class SftpFileFilterTest {
    private static final List<String> PACKAGES = IntStream.range(0, 50).mapToObj(i -> "CN-GACC/alert-" + i + ".p7m").toList();

    /** Two intake routes sharing the inbox: every package is taken by exactly one of them. */
    @Test
    void everyPackageFallsToExactlyOneShare() {
        SftpFileFilter first = new SftpFileFilter(0, 2);
        SftpFileFilter second = new SftpFileFilter(1, 2);

        for (String path : PACKAGES) {
            assertThat(first.accept(file(path, false)) ^ second.accept(file(path, false))).as(path).isTrue();
        }
        assertThat(PACKAGES.stream().filter(path -> first.accept(file(path, false)))).isNotEmpty();
        assertThat(PACKAGES.stream().filter(path -> second.accept(file(path, false)))).isNotEmpty();
    }

    @Test
    void everyShareWalksEveryPartnerFolder() {
        assertThat(new SftpFileFilter(0, 2).accept(file("CN-GACC", true))).isTrue();
        assertThat(new SftpFileFilter(1, 2).accept(file("CN-GACC", true))).isTrue();
        assertThat(new SftpFileFilter(1, 2).accept(file("CN-GACC/receipts", true))).isFalse();
    }

    @Test
    void oneRouteTakesEveryPackage() {
        assertThat(PACKAGES).allMatch(path -> new SftpFileFilter().accept(file(path, false)));
        assertThat(new SftpFileFilter().accept(file("CN-GACC/alert.p7m.part", false))).isFalse();
    }

    @Test
    void aShareOutsideTheCountIsAConfigurationError() {
        assertThatThrownBy(() -> new SftpFileFilter(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SftpFileFilter(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static GenericFile<Object> file(String relativePath, boolean directory) {
        GenericFile<Object> file = new GenericFile<>();
        file.setRelativeFilePath(relativePath);
        file.setFileNameOnly(relativePath.substring(relativePath.lastIndexOf('/') + 1));
        file.setFileName(relativePath);
        file.setDirectory(directory);
        return file;
    }
}
