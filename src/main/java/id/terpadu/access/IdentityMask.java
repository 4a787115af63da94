package id.terpadu.access;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The masked form of a NIK or KK: its first four digits (province and regency, which the region of
 * the record says anyway), eight stars, and a tag of four letters drawn from a keyed hash of the whole
 * number ({@code 5106********KQXF}). The tag tells records apart on a clerk's screen; without the
 * hub's key it says nothing about the hidden digits, so the masked form together with what the same
 * role reads (birth date, sex, village) does not determine the number. Letters, not digits, so the
 * tag is never taken for the serial.
 */
final class IdentityMask {

    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int TAG = 4;

    private final SecretKeySpec key;

    IdentityMask(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String mask(String number) {
        if (number == null) {
            return null;
        }
        String prefix = number.length() >= 4 ? number.substring(0, 4) : "";
        byte[] hash = hmac(number);
        StringBuilder masked = new StringBuilder(prefix).append("********");
        for (int i = 0; i < TAG; i++) {
            masked.append(LETTERS.charAt(Byte.toUnsignedInt(hash[i]) % LETTERS.length()));
        }
        return masked.toString();
    }

    private byte[] hmac(String number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(number.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
