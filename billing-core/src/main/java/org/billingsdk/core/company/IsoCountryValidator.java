package org.billingsdk.core.company;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Locale;

/**
 * Checks {@link IsoCountry}: lower case is accepted (inputs are normalized before storing), a
 * non-ASCII character is not, so that no letter folds into an ASCII code. Hibernate Validator
 * instantiates it; hosts use the annotation.
 */
public final class IsoCountryValidator implements ConstraintValidator<IsoCountry, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null
                || value.chars().allMatch(c -> c <= 0x7F) && CountryCode.isValid(value.strip().toUpperCase(Locale.ROOT));
    }
}
