package io.flotilla.renderer.release;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Multi-document YAML as Kubernetes reads it: each document becomes maps, lists and scalars; empty
 * documents (a lone {@code ---}, only comments) are left out.
 */
public final class YamlDocuments {

    private static final ObjectMapper YAML = new YAMLMapper();

    private YamlDocuments() {
    }

    public static List<Object> parse(String text) throws InvalidYamlException {
        List<Object> documents = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(text);
                MappingIterator<Object> values = YAML.readValues(parser, Object.class)) {
            while (values.hasNextValue()) {
                Object document = values.nextValue();
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new InvalidYamlException(1, 1, e.getMessage(), e);
        } catch (RuntimeException e) {
            // The iterator wraps parse errors met while looking ahead in unchecked exceptions.
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw invalid(cause);
            }
            throw e;
        }
        return documents;
    }

    /** SnakeYAML knows best where a problem is; Jackson's own location is the fallback. */
    private static InvalidYamlException invalid(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                String reason = marked.getContext() == null
                        ? marked.getProblem()
                        : marked.getContext() + ": " + marked.getProblem();
                return new InvalidYamlException(mark.getLine() + 1, mark.getColumn() + 1, reason, e);
            }
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 1 : Math.max(1, location.getLineNr());
        int column = location == null ? 1 : Math.max(1, location.getColumnNr());
        return new InvalidYamlException(line, column, e.getOriginalMessage(), e);
    }
}
