package id.terpadu.pages;

import graphql.ExecutionResult;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a query as one SQL statement when {@link CompiledPageAnswers} can answer it, and field by
 * field as always otherwise.
 */
final class CompiledPageStrategy extends AsyncExecutionStrategy {

    private final ExecutionStrategy fieldByField;
    private final CompiledPageAnswers answers;

    CompiledPageStrategy(ExecutionStrategy fieldByField, CompiledPageAnswers answers) {
        this.fieldByField = fieldByField;
        this.answers = answers;
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        return answers.answer(context).map(CompletableFuture::completedFuture)
                .orElseGet(() -> fieldByField.execute(context, parameters));
    }
}
