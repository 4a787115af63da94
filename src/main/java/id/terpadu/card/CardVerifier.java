package id.terpadu.card;

import id.terpadu.db.tables.records.FamilyCardRecord;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * What a scanned card says: valid (signed by this hub, unchanged, in force, within its validity)
 * and its type, nothing more. Anything else, a forgery, a changed token, an expired or revoked card,
 * is simply not valid: never an error, and never which of these it was.
 */
@Component
class CardVerifier {

    private final CardTokens tokens;
    private final FamilyCardRepository cards;
    private final Clock clock;

    CardVerifier(CardTokens tokens, FamilyCardRepository cards, Clock clock) {
        this.tokens = tokens;
        this.cards = cards;
        this.clock = clock;
    }

    /** The answer to a scan. */
    record CardVerification(boolean valid, String cardType) {

        static final CardVerification NOT_VALID = new CardVerification(false, null);
    }

    CardVerification verify(String token) {
        LocalDate today = LocalDate.now(clock.withZone(FamilyCardService.REGENCY_TIME));
        return tokens.read(token)
                .filter(claims -> !today.isAfter(claims.validUntil()))
                .flatMap(claims -> cards.findByNumber(claims.cardNumber())
                        .filter(card -> card.getValidUntil().equals(claims.validUntil())))
                .filter(card -> card.getRevokedAt() == null && !today.isBefore(card.getValidFrom()))
                .map(FamilyCardRecord::getClusterCode)
                .map(type -> new CardVerification(true, type))
                .orElse(CardVerification.NOT_VALID);
    }
}
