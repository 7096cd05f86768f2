package org.billingsdk.core.validation;

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

/** The annotated element must be text without control characters (line breaks included); {@code null} is valid. */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PlainTextValidator.class)
public @interface PlainText {

    /** {@return the message of a violation, as a Jakarta Validation message template} */
    String message() default "must not contain control characters";

    /**
     * {@return whether invisible formatting characters (Unicode category Cf: zero-width spaces,
     * direction overrides, ...) are allowed} They are in names, where scripts need them, not in
     * addresses that machines read, such as emails.
     */
    boolean formatCharacters() default true;

    /** {@return the validation groups the constraint belongs to; empty for the default group} */
    Class<?>[] groups() default {};

    /** {@return payload for the client of the Jakarta Validation API; the SDK uses none} */
    Class<? extends Payload>[] payload() default {};
}
