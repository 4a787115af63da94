package id.terpadu.social;

import id.terpadu.db.codes.PovertyIndicator;
import id.terpadu.db.codes.SourceList;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.health.InsuranceCover.Cover;
import id.terpadu.social.ClusterSuggestion.Fact;
import id.terpadu.social.ClusterSuggestion.IndicatorCheck;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cluster scheme of the {@code cluster} table applied to one household: the rules are tried in
 * their sort order and the first whose conditions all hold is suggested. A rule's conditions are
 * its source list (DTSEN: a decile; LOCAL_SURVEY: on the local survey list), its decile range, UPT-PK's
 * verification and being uninsured; a rule without a condition matches every household. Which
 * clusters exist and what they require is data, so another regency configures its own scheme.
 */
final class ClusterRules {

    /** The facts the rules use. */
    enum FactKind { ON_NATIONAL_REGISTER, ON_LOCAL_SURVEY, VERIFIED_BY_UPTPK, UNINSURED }

    private final List<ClusterRecord> clusters;

    /** @param clusters the scheme's clusters in their sort order */
    ClusterRules(List<ClusterRecord> clusters) {
        this.clusters = clusters;
    }

    /**
     * The suggestion for a household.
     *
     * @param social   its social facet; null when the social office has recorded nothing
     * @param cover    its members' JKN cover
     */
    ClusterSuggestion suggest(SocialFacetRecord social, Cover cover) {
        SocialFacetRecord facet = social == null ? new SocialFacetRecord() : social;
        ClusterRecord suggested = clusters.stream().filter(cluster -> matches(cluster, facet, cover)).findFirst().orElse(null);
        Set<FactKind> decisive = suggested == null ? EnumSet.noneOf(FactKind.class) : required(suggested);
        ClusterRecord assigned = facet.getClusterCode() == null ? null : clusters.stream()
                .filter(cluster -> cluster.getCode().equals(facet.getClusterCode())).findFirst().orElse(null);

        List<Fact> facts = List.of(
                new Fact(FactKind.ON_NATIONAL_REGISTER.name(), facet.getDecile() != null, decile(facet),
                        decisive.contains(FactKind.ON_NATIONAL_REGISTER)),
                new Fact(FactKind.ON_LOCAL_SURVEY.name(), onLocalSurvey(facet), null,
                        decisive.contains(FactKind.ON_LOCAL_SURVEY)),
                new Fact(FactKind.VERIFIED_BY_UPTPK.name(), facet.getVerifiedOn() != null,
                        facet.getVerifiedOn() == null ? null : "verified " + facet.getVerifiedOn() + " by " + facet.getVerifiedBy(),
                        decisive.contains(FactKind.VERIFIED_BY_UPTPK)),
                new Fact(FactKind.UNINSURED.name(), cover.anyoneUninsured(),
                        cover.uninsured() + " of " + cover.members() + " members without active JKN",
                        decisive.contains(FactKind.UNINSURED)));

        Set<String> met = facet.getPovertyIndicators() == null ? Set.of() : Set.of(facet.getPovertyIndicators());
        List<IndicatorCheck> checklist = new ArrayList<>();
        for (PovertyIndicator indicator : PovertyIndicator.values()) {
            checklist.add(new IndicatorCheck(indicator, met.contains(indicator.name())));
        }
        int metCount = (int) checklist.stream().filter(IndicatorCheck::met).count();

        String suggestedCode = suggested == null ? null : suggested.getCode();
        return new ClusterSuggestion(suggested, assigned, !Objects.equals(suggestedCode, facet.getClusterCode()),
                facts, List.copyOf(checklist), metCount, PovertyIndicator.values().length);
    }

    private static boolean matches(ClusterRecord rule, SocialFacetRecord facet, Cover cover) {
        Short decile = facet.getDecile();
        boolean decileRange = rule.getDecileMin() != null || rule.getDecileMax() != null;
        if ((rule.getSourceList() == SourceList.DTSEN || decileRange) && decile == null) {
            return false;
        }
        if (rule.getDecileMin() != null && decile < rule.getDecileMin()) {
            return false;
        }
        if (rule.getDecileMax() != null && decile > rule.getDecileMax()) {
            return false;
        }
        if (rule.getSourceList() == SourceList.LOCAL_SURVEY && !onLocalSurvey(facet)) {
            return false;
        }
        if (rule.getRequiresVerification() && facet.getVerifiedOn() == null) {
            return false;
        }
        return !rule.getRequiresUninsured() || cover.anyoneUninsured();
    }

    private static Set<FactKind> required(ClusterRecord rule) {
        Set<FactKind> required = EnumSet.noneOf(FactKind.class);
        if (rule.getSourceList() == SourceList.DTSEN || rule.getDecileMin() != null || rule.getDecileMax() != null) {
            required.add(FactKind.ON_NATIONAL_REGISTER);
        }
        if (rule.getSourceList() == SourceList.LOCAL_SURVEY) {
            required.add(FactKind.ON_LOCAL_SURVEY);
        }
        if (rule.getRequiresVerification()) {
            required.add(FactKind.VERIFIED_BY_UPTPK);
        }
        if (rule.getRequiresUninsured()) {
            required.add(FactKind.UNINSURED);
        }
        return required;
    }

    private static boolean onLocalSurvey(SocialFacetRecord facet) {
        return Boolean.TRUE.equals(facet.getOnLocalSurvey());
    }

    private static String decile(SocialFacetRecord facet) {
        if (facet.getDecile() == null) {
            return null;
        }
        return "decile " + facet.getDecile() + (facet.getDecileQuarter() == null ? "" : ", " + facet.getDecileQuarter());
    }
}
