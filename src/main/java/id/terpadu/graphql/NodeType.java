package id.terpadu.graphql;

import id.terpadu.access.Caller;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * A type of the schema that implements {@code Node}, registered as a bean by the module that owns
 * it: its name, the record class that stands for it in answers, and how a caller finds one by its
 * id. {@code node(id:)} and the resolution of the {@code Node} interface loop over these.
 *
 * @param name       the GraphQL type name, the first part of its global IDs
 * @param recordType the class of the objects the type's fields are read from
 * @param id         the row id of an object, which its global ID encodes
 * @param finder     the object with this id as the caller may see it; empty when it may not
 */
public record NodeType<R>(String name, Class<R> recordType, ToLongFunction<R> id,
                          BiFunction<Caller, Long, Optional<R>> finder) {

    /** The object with this id as the caller may see it. */
    public Optional<R> find(Caller caller, long id) {
        return finder.apply(caller, id);
    }

    /** The global ID of an object of this type. */
    String globalId(Object object) {
        return GlobalId.encode(name, id.applyAsLong(recordType.cast(object)));
    }
}
