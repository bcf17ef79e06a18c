package org.dragongate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleFilesTest {
    private static final Path SOURCES = Path.of("src/main/resources/console");
    private final ConsoleFiles files = new ConsoleFiles();

    @Test
    void theConsoleFolderIsTheIndexPage() {
        var index = files.find("/console/").orElseThrow();

        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(index.content(), StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"js/app.js\">");
    }

    @Test
    void modulesAreJavaScriptSoBrowsersRunThemUnderNosniff() {
        assertThat(files.find("/console/js/views/partner.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(files.find("/console/console.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/../application.properties", "/console/js/../../db/migration/V1__tracking.sql",
        "/console/%2e%2e/logback.xml", "/console/js\\app.js", "/console//js/app.js", "/console/JS/APP.JS", "/console/js/app.js.map",
        "/console/nothing.js", "/consoleX/index.html", "/index.html", "/console", ""})
    void aPathOutsideTheConsoleFilesFindsNothing(String path) {
        assertThat(files.find(path)).isEmpty();
    }

    /** The policy forbids inline script and style; one would silently not run in the browser. */
    @Test
    void noConsoleFileCarriesInlineScriptOrMarkupFromStrings() throws IOException {
        for (Path file : consoleFiles()) {
            String text = Files.readString(file);
            assertThat(text).as(file.toString())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("style=\"")
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=\"");
        }
    }

    /** A mistyped import breaks the whole console in the browser, with nothing on the server's side. */
    @Test
    void everyModuleImportNamesAConsoleFileTheGatewayServes() throws IOException {
        Pattern from = Pattern.compile("from '(\\.[^']+)'");
        int imports = 0;
        for (Path file : consoleFiles()) {
            Matcher matcher = from.matcher(Files.readString(file));
            while (matcher.find()) {
                String target = "/" + SOURCES.relativize(file.getParent().resolve(matcher.group(1)).normalize()).toString().replace('\\', '/');
                assertThat(files.find(ConsoleFiles.PATH + target)).as(file + " imports " + matcher.group(1)).isPresent();
                imports++;
            }
        }
        assertThat(imports).isGreaterThan(10);
    }

    private static List<Path> consoleFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
