package id.terpadu.demo;

import java.util.SplittableRandom;

/**
 * The number of members of each household, drawn from a plausible distribution and then nudged one
 * person at a time until the total is exactly the one asked for. A byte a household keeps this
 * small even at a million households.
 */
final class HouseholdSizes {

    static final int MIN = 1;
    static final int MAX = 9;

    /** Relative frequency of sizes 1 to 9 (poor rural households; mean about 3.7 before nudging). */
    private static final int[] WEIGHTS = {18, 32, 44, 50, 30, 16, 6, 3, 1};

    private HouseholdSizes() {
    }

    static byte[] draw(int households, int members, SplittableRandom random) {
        if (members < households * MIN || members > households * MAX) {
            throw new IllegalArgumentException(members + " members do not fit in " + households + " households");
        }
        int totalWeight = 0;
        for (int weight : WEIGHTS) {
            totalWeight += weight;
        }
        byte[] sizes = new byte[households];
        long sum = 0;
        for (int i = 0; i < households; i++) {
            int pick = random.nextInt(totalWeight);
            int size = 0;
            while (pick >= WEIGHTS[size]) {
                pick -= WEIGHTS[size];
                size++;
            }
            sizes[i] = (byte) (size + 1);
            sum += size + 1;
        }
        // nudge random households by one person; the bounds keep this from looping for long
        while (sum != members) {
            int i = random.nextInt(households);
            if (sum < members && sizes[i] < MAX) {
                sizes[i]++;
                sum++;
            } else if (sum > members && sizes[i] > MIN) {
                sizes[i]--;
                sum--;
            }
        }
        return sizes;
    }
}
