package org.billingsdk.core.company;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The annotated element must be a VAT number with a valid country prefix, format and check digits; {@code null} is valid. */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = VatNumberValidator.class)
public @interface ValidVatNumber {

    /**
     * {@return the message of a violation, as a Jakarta Validation message template} The SDK's
     * validator names the precise problem (format, prefix or check digit) instead.
     */
    String message() default "must be a valid VAT number";

    /** {@return the validation groups the constraint belongs to; empty for the default group} */
    Class<?>[] groups() default {};

    /** {@return payload for the client of the Jakarta Validation API; the SDK uses none} */
    Class<? extends Payload>[] payload() default {};
}
