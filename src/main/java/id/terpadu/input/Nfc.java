package id.terpadu.input;

import graphql.language.AstTransformer;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.StringValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unicode normalisation form C for every text of a request, in its variables and in the string
 * literals of its document, before the arguments are coerced: a name typed with a combining
 * accent ({@code e} + U+0301) and one typed precomposed ({@code é}) are stored, compared and
 * counted as the same text.
 */
final class Nfc {

    private Nfc() {
    }

    static String text(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The variables with every text (at any depth of objects and lists) normalised; keys are names and stay. */
    static Map<String, Object> variables(Map<String, Object> variables) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        variables.forEach((name, value) -> normalised.put(name, value(value)));
        return normalised;
    }

    private static Object value(Object value) {
        return switch (value) {
            case String text -> text(text);
            case Map<?, ?> object -> {
                Map<Object, Object> normalised = new LinkedHashMap<>();
                object.forEach((key, field) -> normalised.put(key, value(field)));
                yield normalised;
            }
            case List<?> list -> {
                List<Object> normalised = new ArrayList<>(list.size());
                list.forEach(item -> normalised.add(value(item)));
                yield normalised;
            }
            case null, default -> value;
        };
    }

    /**
     * The document with its string literals normalised. A document in plain ASCII without
     * {@code \}u escapes holds nothing to normalise and is returned as it is, untraversed.
     */
    static Document document(Document document, String source) {
        if (source != null && source.chars().allMatch(c -> c < 0x80) && !source.contains("\\u")) {
            return document;
        }
        return (Document) new AstTransformer().transform(document, new NodeVisitorStub() {
            @Override
            public TraversalControl visitStringValue(StringValue literal, TraverserContext<Node> context) {
                String normalised = text(literal.getValue());
                return normalised.equals(literal.getValue()) ? TraversalControl.CONTINUE
                        : TreeTransformerUtil.changeNode(context, literal.transform(builder -> builder.value(normalised)));
            }
        });
    }
}
