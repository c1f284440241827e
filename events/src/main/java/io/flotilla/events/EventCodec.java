package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of events on Kafka. Unknown fields are ignored so that an older consumer reads
 * events written by a newer producer; a record that is not an event fails with what is wrong.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** The mapper events are written with, for adapters that need the same JSON conventions. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Envelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write event " + envelope.type() + " " + envelope.id(), e);
        }
    }

    /** Reads any event; the payload's class follows the envelope's {@code type}. */
    public static Envelope<Event> decode(String json) {
        JsonNode tree = readTree(json);
        String type = tree.path("type").asText(null);
        if (type == null) {
            throw new EventFormatException("record has no 'type': " + abbreviate(json));
        }
        EventType eventType = EventType.byWireName(type)
                .orElseThrow(() -> new EventFormatException("unknown event type '" + type + "'"));
        @SuppressWarnings("unchecked")
        Class<Event> payloadClass = (Class<Event>) eventType.payloadClass();
        return decode(tree, payloadClass);
    }

    /** Reads an event of a known type, refusing any other. */
    public static <T extends Event> Envelope<T> decode(String json, Class<T> payloadClass) {
        return decode(readTree(json), payloadClass);
    }

    private static <T extends Event> Envelope<T> decode(JsonNode tree, Class<T> payloadClass) {
        String type = tree.path("type").asText();
        EventType expected = EventType.byWireName(type).orElse(null);
        if (expected == null || expected.payloadClass() != payloadClass) {
            throw new EventFormatException("expected a " + payloadClass.getSimpleName() + " event, got '" + type + "'");
        }
        try {
            JsonNode payload = tree.path("payload");
            if (payload.isMissingNode() || payload.isNull()) {
                throw new EventFormatException(type + " event " + tree.path("id").asText() + " has no payload");
            }
            T value = MAPPER.treeToValue(payload, payloadClass);
            return new Envelope<>(
                    tree.path("id").asText(),
                    type,
                    tree.path("version").asInt(),
                    MAPPER.treeToValue(tree.path("time"), java.time.Instant.class),
                    tree.path("source").asText(),
                    tree.path("correlationId").asText(),
                    tree.path("key").asText(null),
                    value);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("malformed " + type + " event: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EventFormatException("malformed " + type + " event: " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(String json) {
        if (json == null) {
            throw new EventFormatException("record has no value");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
