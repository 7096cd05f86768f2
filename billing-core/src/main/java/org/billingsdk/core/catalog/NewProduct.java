package org.billingsdk.core.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.billingsdk.core.validation.PlainText;

/**
 * What it takes to add a product to the catalog; validated by the operation, every problem named.
 *
 * @param code required, unique, matching {@link ProductCode#PATTERN}
 * @param name shown in the portal: not blank, at most 200 characters, no line breaks
 * @param description shown in the portal: required but may be empty, may span lines, at most 2000
 *     characters
 */
public record NewProduct(
        @NotNull @Pattern(regexp = ProductCode.PATTERN) String code,
        @NotBlank @Size(max = 200) @PlainText String name,
        @NotNull @Size(max = 2000) String description) {
}
