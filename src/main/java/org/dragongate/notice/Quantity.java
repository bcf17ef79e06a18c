package org.dragongate.notice;

import java.math.BigDecimal;

/** An amount of goods; never negative. */
public record Quantity(BigDecimal value, Unit unit) {
    public Quantity {
        // 12.50 and 12.5 are the same amount: one form, so equal quantities are equal records.
        // Written without exponent (the writer's plain-decimal setting), as xs:decimal requires.
        value = value == null || value.signum() == 0 ? value : value.stripTrailingZeros();
    }
}
