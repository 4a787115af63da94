package id.terpadu.changerequest;

import id.terpadu.db.tables.records.ChangeRequestRecord;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/** The stored form of a proposed change: the input its service takes, as JSON. */
final class Proposals {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Proposals() {
    }

    static JSONB write(Object change) {
        return JSONB.valueOf(JSON.writeValueAsString(change));
    }

    static <T> T read(ChangeRequestRecord request, Class<T> type) {
        return JSON.readValue(request.getProposal().data(), type);
    }
}
