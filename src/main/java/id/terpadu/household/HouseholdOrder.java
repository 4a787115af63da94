package id.terpadu.household;

/** Sort order of a households page. */
public record HouseholdOrder(Field field, Direction direction) {

    static final HouseholdOrder DEFAULT = new HouseholdOrder(Field.REGISTERED, Direction.ASC);

    enum Field { REGISTERED, KK, VILLAGE }

    enum Direction { ASC, DESC }

    boolean descending() {
        return direction == Direction.DESC;
    }
}
