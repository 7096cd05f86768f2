package org.billingsdk.core.internal.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.validation.ValidVatNumber;

/** Checks {@link ValidVatNumber} and names the precise problem (format, prefix or check digit). */
public final class VatNumberValidator implements ConstraintValidator<ValidVatNumber, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        Optional<String> problem = VatNumber.problemWith(value);
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(problem.get())).addConstraintViolation();
        return false;
    }

    /** The problem quotes user input: keep the interpolator from reading it as a template. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
