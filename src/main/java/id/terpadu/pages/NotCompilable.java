package id.terpadu.pages;

/** A request that is not one of the shapes a page compiles: it goes field by field. */
final class NotCompilable extends RuntimeException {

    NotCompilable(String why) {
        super(why, null, false, false);
    }
}
