package org.billingsdk.core.company;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/**
 * Checks {@link ValidVatNumber} and names the precise problem (format, prefix or check digit);
 * Hibernate Validator instantiates it, hosts use the annotation.
 */
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
