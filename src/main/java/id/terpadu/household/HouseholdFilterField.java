package id.terpadu.household;

import id.terpadu.access.Caller;
import org.jooq.Condition;

/**
 * A field of the {@code households} filter that a feature module adds (the cluster, the programme
 * held, the JKN segment): the feature declares the field in its schema file ({@code extend input
 * HouseholdFilter}) and registers this bean, so the household list never names the features.
 */
public interface HouseholdFilterField {

    /** The field of {@code HouseholdFilter} this bean reads. */
    String name();

    /**
     * The condition on {@code HOUSEHOLD} rows for a value of the field, as the caller may see the
     * rows it looks at (members of the ages it sees, benefits of its programmes); a value that
     * names nothing is refused with the field path {@code filter.<name>}.
     */
    Condition condition(Caller caller, Object value);
}
