package id.terpadu.access;

import graphql.execution.ExecutionStrategy;

/**
 * Another way to run some queries, put in front of the usual execution of every role schema: it
 * receives the strategy that runs a query field by field and returns the one that runs queries,
 * which hands every query it does not answer itself to the usual one. It runs after the document
 * was validated against the caller's schema and measured by the query limits.
 */
public interface QueryExecution {

    ExecutionStrategy around(ExecutionStrategy fieldByField);
}
