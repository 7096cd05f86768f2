package org.billingsdk.core.catalog;

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
 * The annotated element must be a price: in a currency with a three-letter code and 0 to 4
 * decimals (as every ISO 4217 currency has), zero or positive, below one billion, with no more
 * decimals than its currency has (EUR 49.999 is refused); {@code null} is valid. Each problem is
 * its own message.
 */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PriceValidator.class)
public @interface ValidPrice {

    /** {@return the message of a violation, as a Jakarta Validation message template} */
    String message() default "must be zero or positive, below 1,000,000,000 and have no more decimals than its currency";

    /** {@return the validation groups the constraint belongs to; empty for the default group} */
    Class<?>[] groups() default {};

    /** {@return payload for the client of the Jakarta Validation API; the SDK uses none} */
    Class<? extends Payload>[] payload() default {};
}
