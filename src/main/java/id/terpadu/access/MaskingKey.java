package id.terpadu.access;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.HUB_SECRET;

/** The key of the masked form of identity numbers: this installation's own, drawn by its migrations (V15). */
@Component
class MaskingKey {

    private final byte[] bytes;

    MaskingKey(DSLContext dsl) {
        this.bytes = dsl.select(HUB_SECRET.VALUE).from(HUB_SECRET).where(HUB_SECRET.NAME.eq("masking")).fetchSingle(HUB_SECRET.VALUE);
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
