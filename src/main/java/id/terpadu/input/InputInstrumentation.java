package id.terpadu.input;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one check every argument of every operation passes before anything runs, whatever the
 * operation: each text, number and date, at any depth of input objects and lists, after
 * fragments are spread and variables applied. A request holding a value the hub does not take
 * is refused whole with BAD_REQUEST and the input path at fault, and reads and writes nothing;
 * so no mutation, query argument or filter, present or future, can forget these rules. Texts are
 * normalised to Unicode NFC first, so what is checked is what is stored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InputInstrumentation extends SimplePerformantInstrumentation {

    /** Enough to show a client what to fix, without answering a list of 1,000 bad rows in full. */
    private static final int MOST_REFUSALS = 10;

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        return input.getVariables().isEmpty() ? input
                : input.transform(builder -> builder.variables(Nfc.variables(input.getVariables())));
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
                                                               InstrumentationExecutionParameters parameters,
                                                               InstrumentationState state) {
        return DocumentAndVariables.newDocumentAndVariables()
                .document(Nfc.document(documentAndVariables.getDocument(), parameters.getQuery()))
                .variables(documentAndVariables.getVariables())
                .build();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        List<GraphQLError> refusals = refusals(execution.getGraphQLSchema(), execution.getNormalizedQueryTree().get());
        if (!refusals.isEmpty()) {
            throw new AbortExecutionException(refusals);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private static List<GraphQLError> refusals(GraphQLSchema schema, ExecutableNormalizedOperation operation) {
        // one field asked of several object types is walked once per type: count its refusals once
        Set<Refused> refused = new LinkedHashSet<>();
        Deque<ExecutableNormalizedField> fields = new ArrayDeque<>(operation.getTopLevelFields());
        while (!fields.isEmpty() && refused.size() < MOST_REFUSALS) {
            ExecutableNormalizedField field = fields.removeFirst();
            fields.addAll(field.getChildren());
            if (field.getResolvedArguments().isEmpty()) {
                continue;
            }
            GraphQLFieldDefinition definition = field.getFieldDefinitions(schema).getFirst();
            List<InputRefusal> found = new ArrayList<>();
            ArgumentCheck.check(definition, field.getResolvedArguments(), found);
            ResultPath path = resultPath(field);
            SourceLocation location = operation.getMergedField(field).getSingleField().getSourceLocation();
            found.forEach(refusal -> refused.add(new Refused(path, location, refusal)));
        }
        return refused.stream().limit(MOST_REFUSALS)
                .map(each -> each.refusal().toError(each.path(), each.location())).toList();
    }

    private record Refused(ResultPath path, SourceLocation location, InputRefusal refusal) {
    }

    /** The field's place in the answer, by result keys (no list indexes: nothing ran yet). */
    private static ResultPath resultPath(ExecutableNormalizedField field) {
        Deque<String> keys = new ArrayDeque<>();
        for (ExecutableNormalizedField at = field; at != null; at = at.getParent()) {
            keys.addFirst(at.getResultKey());
        }
        ResultPath path = ResultPath.rootPath();
        for (String key : keys) {
            path = path.segment(key);
        }
        return path;
    }
}
