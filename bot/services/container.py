"""All services, built once from settings and handed to handlers and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, utc_now
from bot.config import Settings, SettingsError
from bot.services.appraisal import AppraisalService
from bot.services.audit import AuditService
from bot.services.awards import AwardRule, AwardRuleError, AwardsService
from bot.services.backup import BackupService
from bot.services.broadcasts import BroadcastService
from bot.services.chart_images import ChartImages
from bot.services.conversations import ConversationService
from bot.services.export import ExportService
from bot.services.inspections import InspectionService
from bot.services.office import OfficeService
from bot.services.outbox import OutboxSender, SenderSettings
from bot.services.pacing import Pacer, PacerSettings
from bot.services.periods import PeriodService
from bot.services.practices import PracticeService
from bot.services.publication import PublicationService
from bot.services.registration import RegistrationService
from bot.services.reminders import DeskSchedule
from bot.services.report_workbook import ReportWorkbookService
from bot.services.reporting import ReportingService
from bot.services.review import ReviewService
from bot.services.roster import RosterService
from bot.services.standings import StandingsService
from bot.yearbook import RulesError, YearBook, load_yearbook
from storage.database import Database


@dataclass(slots=True)
class Services:
    settings: Settings
    db: Database
    rules: YearBook
    clock: Clock
    registration: RegistrationService
    periods: PeriodService
    reporting: ReportingService
    report_workbook: ReportWorkbookService
    office: OfficeService
    conversations: ConversationService
    roster: RosterService
    export: ExportService
    standings: StandingsService
    appraisal: AppraisalService
    charts: ChartImages
    awards: AwardsService
    inspections: InspectionService
    publication: PublicationService

    pacer: Pacer
    outbox: OutboxSender
    broadcasts: BroadcastService
    practices: PracticeService
    audit: AuditService
    backup: BackupService
    review: ReviewService
    desk: DeskSchedule

    async def close(self) -> None:
        await self.charts.close()
        await self.outbox.stop()  # records the requests in flight before the database goes
        await self.db.close()


def build_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    """Wire services; the database is opened separately with :func:`open_services`."""
    db = Database(settings.db_path)
    rules = _rules(settings)
    periods = PeriodService(
        db,
        clock,
        tz=settings.tz,
        due_day=settings.due_day,
        years=(settings.campaign_first_year, settings.campaign_last_year),
    )
    standings = StandingsService(db, clock, rules, periods, count=settings.standings_count)
    office = OfficeService(db)
    review = ReviewService(db, clock, periods, reopen_days=settings.reopen_days)
    pacer = Pacer(PacerSettings.from_settings(settings))
    outbox = OutboxSender(db, clock, SenderSettings.from_settings(settings), pacer=pacer)
    broadcasts = BroadcastService(
        db,
        clock,
        outbox,
        periods,
        office,
        office_ids=settings.office_ids,
        notice_window=settings.notice_window,
    )
    periods.notices = broadcasts  # the periods' notices (a moved deadline) go by the outbox
    reporting = ReportingService(db, clock, rules, periods, notices=broadcasts)
    return Services(
        settings=settings,
        db=db,
        rules=rules,
        clock=clock,
        registration=RegistrationService(
            db, clock, office_ids=settings.office_ids, ttl=settings.invite_ttl
        ),
        periods=periods,
        reporting=reporting,
        report_workbook=ReportWorkbookService(db, clock, reporting, periods),
        office=office,
        conversations=ConversationService(db, clock),
        roster=RosterService(db, clock),
        export=ExportService(
            db,
            rules,
            tz=settings.tz,
            standings=standings,
            clock=clock,
            identity=settings.identity,
        ),
        standings=standings,
        appraisal=AppraisalService(db, clock, rules, periods),
        charts=ChartImages(
            directory=settings.chart_path, disk_budget=settings.chart_cache_mb * 2**20
        ),
        awards=AwardsService(db, clock, standings, periods, rules=_award_rules(settings, rules)),
        inspections=InspectionService(
            db, clock, years=(settings.campaign_first_year, settings.campaign_last_year)
        ),
        publication=PublicationService(db, clock, standings, periods, review, notices=broadcasts),
        pacer=pacer,
        outbox=outbox,
        broadcasts=broadcasts,
        practices=PracticeService(db, clock, broadcasts=broadcasts),
        audit=AuditService(db, rules, office_ids=settings.office_ids),
        backup=BackupService(
            settings.db_path,
            settings.backup_path,
            keep=settings.backup_keep,
            tz=settings.tz,
            clock=clock,
        ),
        review=review,
        desk=DeskSchedule(
            db,
            clock,
            periods,
            review,
            tz=settings.tz,
            office_ids=settings.office_ids,
            offsets=settings.reminder_offsets,
            reminder_time=settings.reminder_time,
            quiet_start=settings.quiet_start,
            quiet_end=settings.quiet_end,
            digest_time=settings.digest_time,
            digest_days=settings.digest_days,
        ),
    )


def _rules(settings: Settings) -> YearBook:
    try:
        return load_yearbook(settings.rules_dir)
    except RulesError as exc:
        raise SettingsError(str(exc)) from None


def _award_rules(settings: Settings, rules: YearBook) -> dict[int, AwardRule]:
    """The award settings against each year's methodology, checked at start-up."""
    try:
        return {
            year: AwardRule.of(
                rules.methodology(year),
                blocks=settings.award_blocks,
                min_band=settings.award_min_band,
            )
            for year in rules.years
        }
    except AwardRuleError as exc:
        raise SettingsError(f"CCHC_AWARD_MIN_BAND: {exc}") from None


async def open_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    services = build_services(settings, clock=clock)
    await services.db.open()
    return services
