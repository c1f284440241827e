package io.flotilla.renderer.targeting;

import java.util.List;
import java.util.Map;

/**
 * One requirement of a {@code matchExpressions} list, as in a Kubernetes label selector.
 *
 * @param values the values {@code In} and {@code NotIn} compare with; empty for {@code Exists} and
 *               {@code DoesNotExist}
 */
public record LabelExpression(String key, Operator operator, List<String> values) {

    /** The operators of Kubernetes' set-based label selectors. */
    public enum Operator {
        In, NotIn, Exists, DoesNotExist
    }

    public LabelExpression {
        values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case In -> value != null && values.contains(value);
            // As Kubernetes: a cluster without the label is not in the set, so it matches NotIn.
            case NotIn -> value == null || !values.contains(value);
            case Exists -> value != null;
            case DoesNotExist -> value == null;
        };
    }
}
