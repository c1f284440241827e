package io.flotilla.events;

/** A value of a typed vocabulary, written on the wire by its name there (Flux's, Helm's or Flotilla's own). */
public interface WireName {

    String wire();

    /** The value of {@code values} written as {@code wire}, or null. */
    static <E extends WireName> E find(E[] values, String wire) {
        for (E value : values) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        return null;
    }

    /** The value of {@code values} written as {@code wire}; anything else is refused, naming {@code what} it is. */
    static <E extends WireName> E parse(E[] values, String wire, String what) {
        E value = find(values, wire);
        if (value == null) {
            StringBuilder known = new StringBuilder();
            for (E each : values) {
                known.append(known.length() == 0 ? "" : ", ").append(each.wire());
            }
            throw new IllegalArgumentException(what + " '" + wire + "' is not one of " + known);
        }
        return value;
    }
}
