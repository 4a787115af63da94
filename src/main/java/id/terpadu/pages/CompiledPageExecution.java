package id.terpadu.pages;

import graphql.execution.ExecutionStrategy;
import id.terpadu.access.QueryExecution;
import org.springframework.stereotype.Component;

/** Puts the compiled households page in front of the field-by-field execution of queries. */
@Component
class CompiledPageExecution implements QueryExecution {

    private final CompiledPageAnswers answers;

    CompiledPageExecution(CompiledPageAnswers answers) {
        this.answers = answers;
    }

    @Override
    public ExecutionStrategy around(ExecutionStrategy fieldByField) {
        return new CompiledPageStrategy(fieldByField, answers);
    }
}
