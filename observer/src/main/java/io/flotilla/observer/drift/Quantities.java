package io.flotilla.observer.drift;

import java.math.BigDecimal;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Resource quantities compared by value, as the API server stores them: it writes {@code 1000m} back as
 * {@code 1} and {@code 1024Mi} as {@code 1Gi}, so the text differs from what was applied while nothing changed.
 */
final class Quantities {

    /** Maps whose values are quantities: container resources, quotas, limit ranges, capacities, overheads. */
    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "hard", "capacity", "allocatable",
            "overhead", "max", "min", "default", "defaultRequest", "maxLimitRequestRatio");

    /** Fields that are a quantity themselves. */
    private static final Set<String> QUANTITY_FIELDS = Set.of("sizeLimit", "storage");

    private Quantities() {
    }

    /** Whether the field at this JSON pointer holds a quantity. */
    static boolean isQuantity(String pointer) {
        String[] steps = pointer.split("/");
        if (steps.length < 2) {
            return false;
        }
        return QUANTITY_FIELDS.contains(steps[steps.length - 1]) || QUANTITY_MAPS.contains(steps[steps.length - 2]);
    }

    /** Whether both texts are quantities of the same amount; false when either is not a quantity. */
    static boolean sameAmount(String applied, String live) {
        BigDecimal a = amount(applied);
        BigDecimal b = amount(live);
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal amount(String text) {
        try {
            return Quantity.getAmountInBytes(new Quantity(text.trim()));
        } catch (RuntimeException notAQuantity) {
            return null;
        }
    }
}
