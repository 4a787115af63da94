package id.terpadu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared codes every agency reads: regions, programmes, clusters and agencies. */
class ReferenceDataTest extends ApiTest {

    @Test
    void withoutParentRegionsAreTheThirtyEightProvinces() {
        graphQl.documentName("regions").execute()
                .path("regions").entityList(Object.class).hasSize(38)
                .path("regions[*].level").entityList(String.class).satisfies(levels -> assertThat(levels).containsOnly("PROVINCE"))
                .path("regions[*].parent").entityList(Object.class).satisfies(parents -> assertThat(parents).containsOnlyNulls())
                .path("regions[0].code").entity(String.class).isEqualTo("11")
                .path("regions[0].name").entity(String.class).isEqualTo("Aceh")
                .path("regions[*].code").entityList(String.class).contains("33", "51")
                .satisfies(codes -> assertThat(codes).isSorted());
    }

    @Test
    void regionsBelowAParentAreFoundWithOrWithoutDots() {
        for (String bangli : List.of("51.06", "5106", " 51.06 ")) {
            graphQl.documentName("regions").variable("parent", bangli).execute()
                    .path("regions[*].code").entityList(String.class)
                    .containsExactly("51.06.01", "51.06.02", "51.06.03", "51.06.04")
                    .path("regions[*].name").entityList(String.class)
                    .containsExactly("Susut", "Bangli", "Tembuku", "Kintamani")
                    .path("regions[*].level").entityList(String.class)
                    .satisfies(levels -> assertThat(levels).containsOnly("DISTRICT"))
                    .path("regions[*].parent.code").entityList(String.class)
                    .satisfies(parents -> assertThat(parents).containsOnly("51.06"));
        }
    }

    @Test
    void bangliHasFourDistrictsAndSeventyTwoVillages() {
        List<String> districts = graphQl.documentName("regions").variable("parent", "51.06").execute()
                .path("regions[*].code").entityList(String.class).hasSize(4).get();
        int villages = 0;
        for (String district : districts) {
            List<String> levels = graphQl.documentName("regions").variable("parent", district.replace(".", "")).execute()
                    .path("regions[*].level").entityList(String.class).get();
            assertThat(levels).containsOnly("VILLAGE");
            villages += levels.size();
        }
        assertThat(villages).isEqualTo(72);
        graphQl.documentName("regions").variable("parent", "51.06.01").execute()
                .path("regions[*].name").entityList(String.class)
                .containsExactly("Apuan", "Demulih", "Abuan", "Susut", "Sulahan", "Penglumbaran", "Tiga", "Selat",
                        "Pengiangan");
    }

    @Test
    void regionsOfAVillageOrOfAnUnknownOrMalformedCodeAreEmpty() {
        for (String parent : List.of("51.06.01.2001", "99", "51.99", "abc", "5106x", "")) {
            graphQl.documentName("regions").variable("parent", parent).execute()
                    .path("regions").entityList(Object.class).hasSize(0);
        }
    }

    @Test
    void aVillageIsFoundByItsCodeWithItsWholeChainOfParents() {
        for (String code : List.of("51.06.04.2023", "5106042023")) {
            graphQl.documentName("region").variable("code", code).execute()
                    .path("region.code").entity(String.class).isEqualTo("51.06.04.2023")
                    .path("region.name").entity(String.class).isEqualTo("Terunyan")
                    .path("region.level").entity(String.class).isEqualTo("VILLAGE")
                    .path("region.parent.code").entity(String.class).isEqualTo("51.06.04")
                    .path("region.parent.name").entity(String.class).isEqualTo("Kintamani")
                    .path("region.parent.level").entity(String.class).isEqualTo("DISTRICT")
                    .path("region.parent.parent.code").entity(String.class).isEqualTo("51.06")
                    .path("region.parent.parent.name").entity(String.class).isEqualTo("Kabupaten Bangli")
                    .path("region.parent.parent.level").entity(String.class).isEqualTo("REGENCY")
                    .path("region.parent.parent.parent.code").entity(String.class).isEqualTo("51")
                    .path("region.parent.parent.parent.level").entity(String.class).isEqualTo("PROVINCE")
                    .path("region.parent.parent.parent.parent").valueIsNull();
        }
        graphQl.documentName("region").variable("code", "33.14").execute()
                .path("region.name").entity(String.class).isEqualTo("Kabupaten Sragen")
                .path("region.level").entity(String.class).isEqualTo("REGENCY");
    }

    @Test
    void anUnknownOrMalformedRegionCodeIsNull() {
        for (String code : List.of("51.06.04.9999", "51.06.99", "5106042", "not a code", "")) {
            graphQl.documentName("region").variable("code", code).execute()
                    .path("region").valueIsNull();
        }
    }

    @Test
    void programmesAreListedByCodeWithTheirAgencyTargetAndKind() {
        graphQl.documentName("referenceData").execute()
                .path("programmes[*].code").entityList(String.class)
                .containsExactly("BLT_DD", "BPNT", "KIS_PBI", "PELATIHAN", "PENEMPATAN_KERJA", "PIP", "PKH", "RTLH", "UEP")
                .path("programmes[*].target").entityList(String.class)
                .containsExactly("HOUSEHOLD", "HOUSEHOLD", "MEMBER", "MEMBER", "MEMBER", "MEMBER", "HOUSEHOLD", "HOUSEHOLD",
                        "HOUSEHOLD")
                .path("programmes[*].agency.code").entityList(String.class)
                .containsExactly("DPMD", "DINSOS", "DINKES", "DINSOS", "UPTPK", "DISDIK", "DINSOS", "PERKIM", "DINSOS")
                // empowerment: the productive-economy grant, skills training and job placement
                .path("programmes[*].kind").entityList(String.class)
                .containsExactly("AID", "AID", "AID", "EMPOWERMENT", "EMPOWERMENT", "AID", "AID", "AID", "EMPOWERMENT")
                .path("programmes[6].name").entity(String.class).isEqualTo("Program Keluarga Harapan")
                .path("programmes[8].name").entity(String.class).isEqualTo("UEP (Usaha Ekonomi Produktif)")
                .path("programmes[*].description").entityList(String.class)
                .satisfies(descriptions -> assertThat(descriptions).allSatisfy(text -> assertThat(text).isNotBlank()));
    }

    @Test
    void clustersAreSragensKartuSaraswatiScheme() {
        graphQl.documentName("referenceData").execute()
                .path("clusters[*].code").entityList(String.class).containsExactly("MELATI", "MENUR", "KENANGA")
                .path("clusters[0].sourceList").entity(String.class).isEqualTo("DTSEN")
                .path("clusters[1].sourceList").entity(String.class).isEqualTo("LOCAL_SURVEY")
                .path("clusters[1].requiresVerification").entity(Boolean.class).isEqualTo(true)
                .path("clusters[2].sourceList").valueIsNull()
                .path("clusters[2].requiresUninsured").entity(Boolean.class).isEqualTo(true)
                // Melati's list, the BDT, was the poorest 40 %: DTSEN deciles 1 to 4
                .path("clusters[0].decileMin").entity(Integer.class).isEqualTo(1)
                .path("clusters[0].decileMax").entity(Integer.class).isEqualTo(4)
                .path("clusters[1].decileMin").valueIsNull()
                .path("clusters[*].rule").entityList(String.class)
                .satisfies(rules -> assertThat(rules).allSatisfy(rule -> assertThat(rule).isNotBlank()));
    }

    @Test
    void agenciesAreListedByCode() {
        graphQl.documentName("referenceData").execute()
                .path("agencies[*].code").entityList(String.class)
                .containsExactly("DINKES", "DINSOS", "DISDIK", "DPMD", "PERKIM", "UPTPK")
                .path("agencies[1].name").entity(String.class).isEqualTo("Dinas Sosial (social office)");
    }
}
