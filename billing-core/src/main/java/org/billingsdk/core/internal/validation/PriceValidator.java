package org.billingsdk.core.internal.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;
import javax.money.MonetaryAmount;
import org.billingsdk.core.validation.ValidPrice;

/** Checks {@link ValidPrice}. */
public final class PriceValidator implements ConstraintValidator<ValidPrice, MonetaryAmount> {

    private static final BigDecimal LIMIT = new BigDecimal("1000000000");

    @Override
    public boolean isValid(MonetaryAmount value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        BigDecimal amount = value.getNumber().numberValueExact(BigDecimal.class).stripTrailingZeros();
        int allowedDecimals = Math.max(0, value.getCurrency().getDefaultFractionDigits());
        return amount.signum() >= 0
                && amount.compareTo(LIMIT) < 0
                && Math.max(0, amount.scale()) <= allowedDecimals;
    }
}
