package id.terpadu.benefit;

import org.jooq.SortField;

import java.util.List;

import static id.terpadu.db.Tables.BENEFIT;

/** The order in which a household's or a member's {@code benefits} are listed: newest first. */
public final class BenefitOrder {

    public static final List<SortField<?>> NEWEST_FIRST = List.of(BENEFIT.STARTS_ON.desc(), BENEFIT.ID.desc());

    private BenefitOrder() {
    }
}
