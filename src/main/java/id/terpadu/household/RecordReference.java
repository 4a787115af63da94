package id.terpadu.household;

import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.identity.IdentityNumbers;

import java.util.Optional;
import java.util.function.Function;

/**
 * How an input names a household or a person: by its identity number or by its global ID, exactly
 * one of the two, with the input fields that hold them for the refusals.
 */
record RecordReference(String number, String globalId, String numberField, String idField, String what, String kind) {

    static RecordReference of(String number, String globalId, String numberField, String idField, String what, String kind) {
        if ((number == null) == (globalId == null)) {
            throw new BadRequestException(number == null ? numberField : idField, "Name the " + what + " by its " + kind
                    + " (" + last(numberField) + ") or by its ID (" + last(idField) + "), one of the two.");
        }
        return new RecordReference(number, globalId, numberField, idField, what, kind);
    }

    /** The record the reference names, as the finders see it; NOT_FOUND on the field given otherwise. */
    <R> R resolve(Function<String, Optional<R>> byNumber, Function<Long, Optional<R>> byId, String type,
                  String unknownNumber, String unknownId) {
        if (number != null) {
            IdentityNumbers.checkDigits(number, numberField, kind);
            return byNumber.apply(number).orElseThrow(() -> new NotFoundException(numberField, unknownNumber));
        }
        long id = GlobalId.decode(globalId).filter(decoded -> decoded.type().equals(type)).map(GlobalId::id)
                .orElseThrow(() -> new BadRequestException(idField, "This is not the ID of a " + what + "."));
        return byId.apply(id).orElseThrow(() -> new NotFoundException(idField, unknownId));
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
