package org.dragongate.notice;

import java.math.BigDecimal;

/** An amount of goods; never negative. */
public record Quantity(BigDecimal value, Unit unit) {
}
