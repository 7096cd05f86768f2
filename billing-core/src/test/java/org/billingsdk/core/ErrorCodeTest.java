package org.billingsdk.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The codes a host branches on: unique as text, and each documented in the README's table, which names no other. */
class ErrorCodeTest {

    @Test
    void everyCodeIsUniqueAsTextWhateverTheCase() {
        assertThat(Arrays.stream(ErrorCode.values()).map(code -> code.name().toLowerCase(Locale.ROOT)))
                .doesNotHaveDuplicates();
    }

    @Test
    void theReadmesErrorTableNamesEveryCodeAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int table = readme.indexOf("| `ErrorCode` |");
        assertThat(table).as("the README's table of error codes").isPositive();
        String rows = readme.substring(table, readme.indexOf("\n\n", table));
        Set<String> documented = new TreeSet<>();
        Matcher firstCell = Pattern.compile("(?m)^\\s*\\| ([^|]+) \\|").matcher(rows);
        while (firstCell.find()) {
            Matcher code = Pattern.compile("`([A-Z_]+)`").matcher(firstCell.group(1));
            while (code.find()) {
                documented.add(code.group(1));
            }
        }
        documented.remove("ErrorCode");

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }
}
