package io.flotilla.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * A chart as Helm keeps it in a release record ({@code chart} of Helm's release JSON: {@code metadata} as
 * {@code Chart.yaml} says, {@code values} of its {@code values.yaml}, {@code templates} each with its name and
 * Base64 data), as it travels on the {@code rendered} topic: JSON, gzipped, in Base64.
 */
public record CompressedChart(String gzipBase64) {

    private static final TypeReference<Map<String, Object>> CHART = new TypeReference<>() {
    };

    @JsonCreator
    public CompressedChart {
        if (gzipBase64 == null) {
            throw new IllegalArgumentException("a compressed chart must not be null");
        }
    }

    public static CompressedChart of(Map<String, Object> chart) {
        return new CompressedChart(GzipJson.encode(chart, "the chart"));
    }

    /** Helm's {@code chart} object of a release record. */
    public Map<String, Object> chart() {
        return GzipJson.decode(gzipBase64, CHART, "the chart");
    }

    /** Size on the wire, counted with the objects against the record limit. */
    public int encodedSize() {
        return gzipBase64.length();
    }

    @JsonValue
    public String gzipBase64() {
        return gzipBase64;
    }
}
