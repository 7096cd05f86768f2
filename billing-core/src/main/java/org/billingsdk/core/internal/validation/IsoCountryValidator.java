package org.billingsdk.core.internal.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Locale;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.validation.IsoCountry;

/** Checks {@link IsoCountry}: lower case is accepted (inputs are normalized before storing). */
public final class IsoCountryValidator implements ConstraintValidator<IsoCountry, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || CountryCode.isValid(value.strip().toUpperCase(Locale.ROOT));
    }
}
