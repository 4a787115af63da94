package id.terpadu.error;


/** The classifications a client sees in {@code extensions.classification}. */
public enum ErrorClassification implements graphql.ErrorClassification {
    /** The input is malformed or breaks a rule: fix it and try again. */
    BAD_REQUEST,
    /** Something the input names does not exist. */
    NOT_FOUND,
    /** The input clashes with what is stored: a duplicate, or a stale expectedVersion. */
    CONFLICT,
    /** The caller's role may not do this. */
    FORBIDDEN,
    /** The hub cannot reach a service it needs (the database): try again in a minute. */
    UNAVAILABLE
}
