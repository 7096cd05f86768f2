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

/**
 * The annotated element must be an ISO 3166-1 alpha-2 country code in ASCII letters, upper or lower case;
 * {@code null} is valid (combine with {@code @NotBlank}).
 */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = IsoCountryValidator.class)
public @interface IsoCountry {

    /** {@return the message of a violation, as a Jakarta Validation message template} */
    String message() default "must be an ISO 3166-1 alpha-2 country code such as NL";

    /** {@return the validation groups the constraint belongs to; empty for the default group} */
    Class<?>[] groups() default {};

    /** {@return payload for the client of the Jakarta Validation API; the SDK uses none} */
    Class<? extends Payload>[] payload() default {};
}
