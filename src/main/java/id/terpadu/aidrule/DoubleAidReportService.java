package id.terpadu.aidrule;

import id.terpadu.aidrule.DoubleAidReportRepository.ExclusionConflict;
import id.terpadu.aidrule.DoubleAidReportRepository.IneligibleBenefit;
import id.terpadu.access.Caller;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;

/** Builds UPT-PK's report of existing double aid and ineligible benefits, read in one snapshot. */
@Service
class DoubleAidReportService {

    private final DoubleAidReportRepository report;
    private final RegionRepository regions;

    DoubleAidReportService(DoubleAidReportRepository report, RegionRepository regions) {
        this.report = report;
        this.regions = regions;
    }

    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    DoubleAidReport report(Caller caller, PeriodInput period, String region) {
        if (period.to().isBefore(period.from())) {
            throw new BadRequestException("period.to", "The period ends before it starts.");
        }
        String code = RegionCode.normalise(region)
                .filter(candidate -> regions.find(candidate).isPresent())
                .orElseThrow(() -> new NotFoundException("region", "No region has the code '" + region + "'."));
        return new DoubleAidReport(period.from(), period.to(), code,
                report.exclusionConflicts(caller, period.from(), period.to(), code),
                report.ineligibleBenefits(caller, period.from(), period.to(), code));
    }

    /** A period of days, both inclusive. */
    record PeriodInput(LocalDate from, LocalDate to) {
    }

    /** The breaches in a period and region. */
    record DoubleAidReport(LocalDate from, LocalDate to, String region, List<ExclusionConflict> exclusionConflicts,
                           List<IneligibleBenefit> ineligibleBenefits) {
    }
}
